/**
 * Start-up time of each app: from spawning the process to its "listening on" log line, run from its TypeScript sources
 * through @swc-node/register and from the compiled JavaScript of `npm run build`, alternately, on a fresh database and
 * namespace. With BENCH_IMAGES it prints the size of those app images too, and how much of it lies above their base.
 *   npm run bench:app-startup     (BENCH_RUNS=5 BENCH_APPS=profiler-ingest,predictor,runtime-factory,provisioner
 *                                  BENCH_IMAGES=tailor/app:before,tailor/app:after BENCH_BASE_IMAGE=tailor/node-build:<node>)
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

import { TailorLabel } from '@tailor/docker';
import {
  type AppEntry,
  dropDatabase,
  recreateDatabase,
  startServiceProcess,
  type TailorApp,
  uniqueNamespace,
} from '@tailor/testing';
import Docker from 'dockerode';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const APPS = (process.env.BENCH_APPS ?? 'profiler-ingest,predictor,runtime-factory,provisioner').split(
  ',',
) as TailorApp[];
const IMAGES = (process.env.BENCH_IMAGES ?? '').split(',').filter(Boolean);
const BASE_IMAGE = process.env.BENCH_BASE_IMAGE ?? `tailor/node-build:${process.versions.node}`;
const ENTRIES: AppEntry[] = ['sources', 'compiled'];

const namespace = uniqueNamespace('bench-startup');
const databaseName = `tailor_bench_startup_${process.pid}`;
const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });

const mean = (samples: number[]) => samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const summary = (samples: number[]) =>
  `${mean(samples).toFixed(0)} ms (${Math.min(...samples).toFixed(0)}–${Math.max(...samples).toFixed(0)})`;

async function timeStart(app: TailorApp, entry: AppEntry, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const service = await startServiceProcess(app, env, 120_000, entry);
  const elapsed = performance.now() - started;
  await service.stop();
  return elapsed;
}

async function printImageSizes(): Promise<void> {
  const base = await docker
    .getImage(BASE_IMAGE)
    .inspect()
    .catch(() => null);
  console.log(
    `\nimage sizes (above the base: what the image adds to ${BASE_IMAGE}${base ? `, ${megabytes(base.Size)}` : ', not found'}):`,
  );
  for (const tag of IMAGES) {
    const image = await docker.getImage(tag).inspect();
    const above = base ? `   above the base ${megabytes(image.Size - base.Size)}` : '';
    console.log(`  ${tag.padEnd(28)} ${megabytes(image.Size)}${above}`);
  }
}

async function removeContainersOfNamespace(): Promise<void> {
  const filters = { label: [`${TailorLabel.Managed}=true`, `${TailorLabel.Namespace}=${namespace}`] };
  for (const container of await docker.listContainers({ all: true, filters })) {
    await docker.getContainer(container.Id).remove({ force: true });
  }
}

async function main(): Promise<void> {
  console.error('[bench] npm run build');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const databaseUrl = await recreateDatabase(databaseName);
  execFileSync('npm', ['run', '--silent', 'db:migrate'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'ignore',
  });
  const env = { DATABASE_URL: databaseUrl, TAILOR_NAMESPACE: namespace, LOG_LEVEL: 'info' };

  const loadBefore = loadavg()[0] as number;
  const samples = new Map(APPS.map((app) => [app, { sources: [] as number[], compiled: [] as number[] }]));
  try {
    for (let run = 0; run < RUNS; run++) {
      // alternate which entry goes first, so that neither always meets a warmer page cache
      const order = run % 2 === 0 ? ENTRIES : [...ENTRIES].reverse();
      for (const [app, byEntry] of samples) {
        for (const entry of order) byEntry[entry].push(await timeStart(app, entry, env));
      }
      console.error(`[bench] run ${run + 1}/${RUNS} done`);
    }
  } finally {
    await removeContainersOfNamespace();
    await dropDatabase(databaseName);
  }

  console.log(
    `start-up: process spawn -> "listening on" log line, mean (min–max) of ${RUNS} starts each, ` +
      `${cpus().length} cores, load average ${loadBefore.toFixed(1)} -> ${(loadavg()[0] as number).toFixed(1)}:`,
  );
  console.log(
    `  ${'app'.padEnd(16)} ${'sources (@swc-node/register)'.padEnd(30)} ${'compiled (dist/)'.padEnd(22)} change`,
  );
  for (const [app, { sources, compiled }] of samples) {
    const change = ((mean(compiled) / mean(sources) - 1) * 100).toFixed(0);
    console.log(`  ${app.padEnd(16)} ${summary(sources).padEnd(30)} ${summary(compiled).padEnd(22)} ${change}%`);
  }
  if (IMAGES.length > 0) await printImageSizes();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
