'use strict';
// Run once while a specialized image is built (`RUN node /opt/tailor/build-snapshot.js`): writes the startup snapshot
// the runtime starts from (`node --snapshot-blob /opt/tailor/preload.blob server.js`), with the image's preload libraries
// already loaded. Each candidate snapshot is checked by starting the runtime from it (TAILOR_SNAPSHOT_CHECK); when one
// fails, the next, more modest one is tried, down to a snapshot without libraries, so an image always gets a snapshot
// and the runtime falls back to loading from disk whatever the snapshot lacks.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const home = process.env.TAILOR_HOME || '/opt/tailor';
const blob = path.join(home, 'preload.blob');
const orderFile = path.join(process.env.TMPDIR || '/tmp', 'tailor-snapshot-order.json');
const node = process.execPath;
const log = (message) => process.stdout.write(`[snapshot] ${message}\n`);

const run = (args, env) => {
  const result = spawnSync(node, args, {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  return { ok: result.status === 0, stdout: result.stdout || '', stderr: (result.stderr || '').slice(-2000) };
};

const order = run([path.join(home, 'snapshot-order.js')]);
fs.writeFileSync(orderFile, order.ok ? order.stdout : '[]');

const candidates = [
  {
    name: 'preloads, agent, partial libraries',
    env: { TAILOR_SNAPSHOT_ORDER: orderFile, TAILOR_SNAPSHOT_EXTRA: path.join(home, 'agent', 'ingest.js') },
  },
  { name: 'preloads and agent', env: { TAILOR_SNAPSHOT_EXTRA: path.join(home, 'agent', 'ingest.js') } },
  { name: 'preloads', env: {} },
  { name: 'no libraries', env: { TAILOR_SNAPSHOT_EMPTY: '1' } },
];
for (const candidate of candidates) {
  fs.rmSync(blob, { force: true });
  const entry = candidate.env.TAILOR_SNAPSHOT_EMPTY
    ? path.join(home, 'snapshot-empty.js')
    : path.join(home, 'snapshot-entry.js');
  const built = run(['--snapshot-blob', blob, '--build-snapshot', entry], candidate.env);
  const checked =
    built.ok && run(['--snapshot-blob', blob, path.join(home, 'server.js')], { TAILOR_SNAPSHOT_CHECK: '1' });
  if (built.ok && checked.ok) {
    log(`${candidate.name}: ${checked.stdout.trim()}`);
    fs.rmSync(orderFile, { force: true });
    process.exit(0);
  }
  log(
    `${candidate.name} failed: ${(built.ok ? checked.stderr : built.stderr).trim().split('\n').slice(-3).join(' | ')}`,
  );
}
fs.rmSync(blob, { force: true });
process.exit(1);
