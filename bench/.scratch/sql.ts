import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { recreateDatabase } from '@tailor/testing';
import { Client } from 'pg';
const N = 2000;
const libs = JSON.stringify(Array.from({ length: 40 }, (_, i) => ({ name: `lib-${i}`, version: `1.${i}.0` })));
const SQL = (lib: string) => `
  INSERT INTO profiling_events ("batchId", "applicationId", "endpointId", language, "languageVersion", libraries,
    invocations, "cpuTimeMs", "rssBytes", "heapUsedBytes", "peakRssBytes", "ioReadBytes", "ioWriteBytes",
    "requestBytes", "responseBytes", "executionTimeMs", "recordedAt")
  SELECT $1::uuid, a, e, l, lv, ${lib}, inv, cpu, rss, heap, peak, ior, iow, req, res, exec, rec
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::float8[], $9::int8[],
    $10::int8[], $11::int8[], $12::int8[], $13::int8[], $14::int8[], $15::int8[], $16::float8[], $17::timestamptz[])
    AS t(a, e, l, lv, lib, inv, cpu, rss, heap, peak, ior, iow, req, res, exec, rec)`;
function params(withLibs: boolean) {
  const now = Date.now();
  const col = (f: (i: number) => unknown) => Array.from({ length: N }, (_, i) => f(i));
  const p: unknown[] = [randomUUID(), col((i) => `app-${i % 5}`), col((i) => `GET /resource-${i % 50}/:id`), col(() => 'node'), col(() => '20.20.2'), col(() => 1),
    col((i) => 1 + (i % 50)), col(() => 2.5), col(() => 90_000_000), col(() => 30_000_000), col(() => 95_000_000), col(() => 0), col(() => 512), col(() => 200), col(() => 1500), col(() => 8), col((i) => new Date(now - (i % 20) * 1000).toISOString())];
  if (withLibs) p.push([libs]);
  return p;
}
async function main() {
  const url = await recreateDatabase(`tailor_sql_${randomUUID().slice(0, 8)}`);
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/migrate.ts', 'apply'], { cwd: resolve(__dirname, '../..'), env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  const c = new Client({ connectionString: url }); await c.connect();
  const variants: [string, () => Promise<unknown>][] = [
    ['jsonb[] index', () => c.query(SQL('($18::jsonb[])[lib]'), params(true))],
    ['libraries []', () => c.query(SQL(`'[]'::jsonb`), params(false))],
  ];
  if (process.env.LZ4) { await c.query(`ALTER TABLE profiling_events ALTER COLUMN libraries SET COMPRESSION lz4`); await c.query(`ALTER TABLE profiling_events SET (toast_tuple_target = 128)`); }
  for (let r = 0; r < 8; r++) for (const [name, f] of variants) {
    await c.query('BEGIN'); const s = performance.now(); await f(); const q = performance.now() - s; await c.query('COMMIT'); const t = performance.now() - s;
    if (r >= 2) console.log(name.padEnd(16), q.toFixed(1), 'ms insert', t.toFixed(1), 'ms +commit');
  }
  console.log((await c.query(`select pg_size_pretty(pg_total_relation_size('profiling_events')) s, count(*) from profiling_events`)).rows);
  await c.end();
}
void main();
