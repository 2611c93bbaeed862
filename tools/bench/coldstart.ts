/**
 * Cold start of the example functions (examples/), from "start a runtime" to the first successful invocation, in four ways:
 *   (a) generic runtime (tailor/runtime:base) that installs the function's dependencies at start (host npm mounted, empty
 *       npm cache in the container's tmpfs, packages from the npm registry)
 *   (b) generic runtime that receives the function bundled with its node_modules (npm ci on the host beforehand) and loads
 *       the dependencies at first invocation
 *   (c) the specialized image built from the function's profile, its dependencies preloaded before it says it is ready
 *   (d) a warm specialized container (started and ready beforehand): load the handler and invoke
 * and the build time of each example's image with a cold and a warm npm cache, and the image sizes. For (c) it also
 * prints where the time goes (the engine's create and start, the runtime's own timeline: process start, preloads,
 * ready; then /load and /invoke), and the engine's floor: create + start + exit of `node -e 0` with the same settings.
 *
 *   npm run bench:coldstart                  (BENCH_RUNS=5 BENCH_INSTALL_RUNS=3 BENCH_EXAMPLES=archive,http-api)
 */
import 'reflect-metadata';

import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

import type { RuntimeLoadRequest, RuntimeReport } from '@tailor/contracts';
import { TailorLabel } from '@tailor/docker';
import { median } from '@tailor/ml';
import {
  buildRuntimeBaseImage,
  DependencyInstaller,
  ImageBuilder,
  preloadManifest,
  runtimeImageLabels,
  writeBuildContext,
} from '@tailor/image-builder';
import { libraryRefs, profileContentHash, resolveProfile } from '@tailor/profiles';
import {
  removeNamespaceFromEngine,
  RuntimeContainerOptions,
  startRuntimeContainer,
  waitUntilReady,
} from '@tailor/testing';
import Docker from 'dockerode';

import { EXAMPLE_NAMES, Example, ExampleName, filesOf, loadExample } from './lib/examples';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const INSTALL_RUNS = Number(process.env.BENCH_INSTALL_RUNS ?? 3);
const SELECTED = (process.env.BENCH_EXAMPLES?.split(',') ?? EXAMPLE_NAMES) as ExampleName[];
const HOST_NPM = process.env.BENCH_NPM_DIR ?? '/usr/lib/node_modules/npm';
/** the host's CA bundle, when it needs one to reach the registry (handed to npm inside the container) */
const CA_FILE = process.env.NODE_EXTRA_CA_CERTS;
const namespace = `bench-${process.pid}`;
/** the generic runtime: node base + this tree's images/runtime, built at the start of the run */
const BASE_IMAGE = `tailor/runtime-${namespace}:base`;
const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
const work = mkdtempSync(join(tmpdir(), 'tailor-bench-'));

const ms = (value: number) => `${Math.round(value)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const installerFor = (npmCache: string) => new DependencyInstaller({ cacheDir: npmCache, timeoutMs: 600_000 });

interface BuildFigures {
  imageRef: string;
  resolveMs: number;
  installMs: number;
  dockerBuildMs: number;
  totalMs: number;
  sizeBytes: number;
}

/** The factory's build pipeline (lockfile → npm ci → dockerode build), timed step by step; no database involved. */
async function buildImage(example: Example, npmCache: string, dataRoot: string): Promise<BuildFigures> {
  const installer = installerFor(npmCache);
  const dir = mkdtempSync(join(work, `build-${example.name}-`));
  const appDir = join(dir, 'app');
  mkdirSync(appDir);
  const started = performance.now();
  const lockfile = await installer.resolve(appDir, example.profile);
  const resolveMs = performance.now() - started;
  const resolved = resolveProfile(example.profile, lockfile);
  const hash = profileContentHash(resolved);
  const libraries = libraryRefs(resolved.libraries);
  const installStarted = performance.now();
  await installer.install(appDir);
  const installMs = performance.now() - installStarted;
  const buildStarted = performance.now();
  const entries = await writeBuildContext(dir, {
    baseImage: BASE_IMAGE,
    snapshot: true,
    manifest: preloadManifest(resolved, hash, libraries),
    dataRoot,
    applicationId: example.profile.applicationId,
  });
  const imageRef = `tailor/runtime-${namespace}:${hash}`;
  const labels = runtimeImageLabels({ namespace, profileHash: hash, libraries });
  const { sizeBytes } = await new ImageBuilder(docker).build(dir, entries, imageRef, labels);
  const dockerBuildMs = performance.now() - buildStarted;
  rmSync(dir, { recursive: true, force: true });
  return { imageRef, resolveMs, installMs, dockerBuildMs, totalMs: performance.now() - started, sizeBytes };
}

/** The function bundle of (b): handler, package.json, node_modules installed on the host from the lockfile, data. */
async function bundleFiles(example: Example, npmCache: string): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(work, `bundle-${example.name}-`));
  const installer = installerFor(npmCache);
  await installer.resolve(dir, example.profile);
  await installer.install(dir);
  return { ...filesOf(join(dir, 'node_modules'), 'node_modules'), ...example.dataFiles };
}

const CONTAINER: Omit<RuntimeContainerOptions, 'image'> = {
  namespace,
  memoryMb: 1024,
  cpuMillis: 2000,
  pidsLimit: 256,
  tmpfsMb: 512,
};

const epochNow = (): number => performance.timeOrigin + performance.now();

/** Steps of a cold start, in ms since "start a runtime": the engine's, the runtime's own (timeline), the host's calls. */
const STEPS = [
  'created',
  'started',
  'processStart',
  'main',
  'preloaded',
  'ready',
  'healthy',
  'loaded',
  'invoked',
] as const;
type Step = (typeof STEPS)[number];

/** From "start a runtime" to the first successful invocation. */
async function coldStart(
  options: RuntimeContainerOptions,
  load: RuntimeLoadRequest,
  event: unknown,
): Promise<{ ms: number; report: RuntimeReport; steps: Record<Step, number> }> {
  const started = epochNow();
  const container = await startRuntimeContainer(docker, options);
  try {
    await waitUntilReady(container.runtime, 120_000);
    const healthy = epochNow();
    await container.runtime.load(load);
    const loaded = epochNow();
    await container.runtime.invoke({ event });
    const invoked = epochNow();
    const report = await container.runtime.report();
    const { timeline } = report;
    const at = (epoch: number | undefined) => (epoch === undefined ? NaN : epoch - started);
    const steps: Record<Step, number> = {
      created: at(container.createdAt),
      started: at(container.startedAt),
      processStart: at(timeline.processStart),
      main: at(timeline.main),
      preloaded: at(timeline.preloaded),
      ready: at(timeline.ready),
      healthy: at(healthy),
      loaded: at(loaded),
      invoked: at(invoked),
    };
    return { ms: invoked - started, report, steps };
  } finally {
    await container.remove();
  }
}

/** The engine's own cost with the same container settings: create, start and exit of `node -e 0`. */
async function engineFloor(runs: number): Promise<{ create: number; start: number; exit: number }> {
  const figures = { create: [] as number[], start: [] as number[], exit: [] as number[] };
  for (let run = 0; run < runs; run += 1) {
    const started = epochNow();
    const container = await startRuntimeContainer(docker, {
      ...CONTAINER,
      image: BASE_IMAGE,
      cmd: ['/usr/local/bin/node', '-e', '0'],
    });
    try {
      await docker.getContainer(container.id).wait();
      figures.exit.push(epochNow() - started);
      figures.create.push(container.createdAt - started);
      figures.start.push(container.startedAt - container.createdAt);
    } finally {
      await container.remove();
    }
  }
  return { create: median(figures.create), start: median(figures.start), exit: median(figures.exit) };
}

const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/** A container started and ready beforehand (a warm pool): load the handler, invoke. */
async function warmStart(options: RuntimeContainerOptions, load: RuntimeLoadRequest, event: unknown): Promise<number> {
  const container = await startRuntimeContainer(docker, options);
  try {
    await waitUntilReady(container.runtime, 120_000);
    await container.runtime.report();
    const started = performance.now();
    await container.runtime.load(load);
    await container.runtime.invoke({ event });
    return performance.now() - started;
  } finally {
    await container.remove();
  }
}

async function cleanup(): Promise<void> {
  await removeNamespaceFromEngine(docker, namespace);
  rmSync(work, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const loadAtStart = loadAverage();
  log(
    `machine: ${cpus().length} cpus, ${mb(totalmem())} memory (${mb(freemem())} free), node ${process.version}; load ${loadAtStart}; runs ${RUNS}, install runs ${INSTALL_RUNS}`,
  );
  await buildRuntimeBaseImage(docker, BASE_IMAGE, {
    [TailorLabel.Managed]: 'true',
    [TailorLabel.Namespace]: namespace,
  });
  const dataRoot = join(work, 'data');
  const warmCache = join(work, 'npm-cache-warm');
  const baseSize = (await docker.getImage(BASE_IMAGE).inspect()).Size;
  const builds: string[] = [];
  const starts: string[] = [];
  const breakdowns: string[] = [];
  const summary: Record<string, Record<string, number>> = {};

  for (const name of SELECTED) {
    const example = loadExample(name);
    mkdirSync(join(dataRoot, example.profile.applicationId), { recursive: true });
    if (existsSync(join(example.dir, 'data')))
      cpSync(join(example.dir, 'data'), join(dataRoot, example.profile.applicationId), { recursive: true });

    log(`${name}: building with a cold npm cache`);
    const cold = await buildImage(example, mkdtempSync(join(work, 'npm-cache-cold-')), dataRoot);
    await docker.getImage(cold.imageRef).remove({ force: true });
    await buildImage(example, warmCache, dataRoot); // fills the shared warm cache with this example's packages
    await docker.getImage(cold.imageRef).remove({ force: true });
    log(`${name}: building with a warm npm cache`);
    const warm = await buildImage(example, warmCache, dataRoot);
    builds.push(
      `| ${name} | ${example.profile.libraries.map((l) => `${l.name}@${l.version}`).join(', ')} | ${ms(cold.totalMs)} (resolve ${ms(cold.resolveMs)}, npm ci ${ms(cold.installMs)}, docker ${ms(cold.dockerBuildMs)}) | ${ms(warm.totalMs)} (resolve ${ms(warm.resolveMs)}, npm ci ${ms(warm.installMs)}, docker ${ms(warm.dockerBuildMs)}) | ${mb(warm.sizeBytes)} | ${mb(warm.sizeBytes - baseSize)} |`,
    );

    const bundle = await bundleFiles(example, warmCache);
    const generic: RuntimeContainerOptions = { ...CONTAINER, image: BASE_IMAGE };
    const installing: RuntimeContainerOptions = {
      ...generic,
      binds: [`${HOST_NPM}:/opt/npm:ro`, ...(CA_FILE ? [`${CA_FILE}:/opt/ca.crt:ro`] : [])],
      env: [
        'TAILOR_NPM_CLI=/opt/npm/bin/npm-cli.js',
        ...(CA_FILE ? ['NODE_EXTRA_CA_CERTS=/opt/ca.crt', 'npm_config_cafile=/opt/ca.crt'] : []),
      ],
    };
    const specialized: RuntimeContainerOptions = { ...CONTAINER, image: warm.imageRef };
    const figures = {
      a: [] as number[],
      b: [] as number[],
      c: [] as number[],
      d: [] as number[],
      ready: [] as number[],
      steps: [] as Record<Step, number>[],
      bSteps: [] as Record<Step, number>[],
      bCpu: [] as number[],
      cCpu: [] as number[],
    };

    for (let run = 0; run < RUNS; run += 1) {
      if (run < INSTALL_RUNS) {
        figures.a.push(
          (
            await coldStart(
              installing,
              { source: example.source, packageJson: example.packageJson, files: example.dataFiles, install: true },
              example.event,
            )
          ).ms,
        );
      }
      const b = await coldStart(
        generic,
        { source: example.source, packageJson: example.packageJson, files: bundle },
        example.event,
      );
      figures.b.push(b.ms);
      figures.bSteps.push(b.steps);
      figures.bCpu.push(b.report.firstInvocationCpuMs as number);
      const c = await coldStart(
        specialized,
        { source: example.source, packageJson: example.packageJson },
        example.event,
      );
      figures.c.push(c.ms);
      figures.ready.push(c.report.timeToReadyMs as number);
      figures.steps.push(c.steps);
      figures.cCpu.push(c.report.firstInvocationCpuMs as number);
      if (run === 0) {
        const { misses, unusedPreloads, preloadErrors, snapshot, timeline } = c.report;
        log(
          `${name}: specialized report ${JSON.stringify({ misses, unusedPreloads, preloadErrors, snapshot, timeline })}`,
        );
      }
      figures.d.push(
        await warmStart(specialized, { source: example.source, packageJson: example.packageJson }, example.event),
      );
      log(
        `${name}: run ${run + 1}/${RUNS} a=${figures.a.at(-1)?.toFixed(0) ?? '-'} b=${figures.b.at(-1)?.toFixed(0)} c=${figures.c.at(-1)?.toFixed(0)} d=${figures.d.at(-1)?.toFixed(0)} ms`,
      );
    }
    const [a, b, c, d, ready] = [
      median(figures.a),
      median(figures.b),
      median(figures.c),
      median(figures.d),
      median(figures.ready),
    ];
    summary[name] = { a, b, c, d, ready };
    starts.push(
      `| ${name} | ${ms(a)} | ${ms(b)} | ${ms(c)} | ${ms(d)} | ${ms(ready)} | ${ratio(a, c)} | ${ratio(b, c)} | ${ratio(c, d)} |`,
    );
    for (const [way, runs, total, cpu] of [
      ['c', figures.steps, c, figures.cCpu],
      ['b', figures.bSteps, b, figures.bCpu],
    ] as const) {
      const step = Object.fromEntries(STEPS.map((key) => [key, median(runs.map((steps) => steps[key]))])) as Record<
        Step,
        number
      >;
      breakdowns.push(
        `| ${name} (${way}) | ${ms(step.created)} | ${ms(step.started - step.created)} | ${ms(step.processStart)} | ${ms(step.main - step.processStart)} | ${ms(step.preloaded - step.main)} | ${ms(step.ready - step.preloaded)} | ${ms(step.healthy - step.ready)} | ${ms(step.loaded - step.healthy)} | ${ms(step.invoked - step.loaded)} | ${ms(total)} | ${ms(median(cpu))} |`,
      );
    }
  }
  const floor = await engineFloor(RUNS * 2);

  const out = [
    `## Cold start: from "start a runtime" to the first successful invocation (medians; a: ${INSTALL_RUNS} runs, b-d: ${RUNS} runs)`,
    '',
    '| example | (a) generic + npm install at start | (b) generic + bundled deps | (c) specialized, preloaded | (d) warm specialized | (c) runtime time-to-ready (in container) | a/c | b/c | c/d |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...starts,
    '',
    `## Where the time of (c), and of (b), goes (medians of each step; process start, server main, preloaded and ready are the runtime's own timeline)`,
    '',
    '| example | create | start call | process start (since "start a runtime") | node boot (to server main) | server init + preloads | listen | ready → host sees /health | /load | first /invoke | total | runtime CPU to first invocation |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...breakdowns,
    '',
    `Engine floor (same settings, \`node -e 0\`, median of ${RUNS * 2}): create ${ms(floor.create)}, start call ${ms(floor.start)}, create → exit ${ms(floor.exit)}.`,
    `Load average (1, 5, 15 min): ${loadAtStart} at the start, ${loadAverage()} at the end.`,
    '',
    `## Image builds (lockfile → npm ci → dockerode build), base image ${mb(baseSize)}`,
    '',
    '| example | libraries | build, cold npm cache | build, warm npm cache | image size | above base |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...builds,
    '',
  ];
  process.stdout.write(out.join('\n'));
  process.stdout.write(`\n${JSON.stringify(summary)}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
