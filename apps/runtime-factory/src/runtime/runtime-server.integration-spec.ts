import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INestApplicationContext } from '@nestjs/common';
import { RuntimeProfileSchema } from '@tailor/contracts';
import { TailorLabel } from '@tailor/docker';
import { defaultProfile, profileContentHash } from '@tailor/profiles';
import { createTestDatabase, TestDatabase, uniqueNamespace } from '@tailor/testing';
import Docker from 'dockerode';

import { removeNamespaceFromDocker, startFactoryReplicas, stopFactoryReplicas } from '../builds/factory-test-context';
import { ImageBuildService } from '../builds/image-build.service';
import { buildRuntimeBaseImage } from './runtime-base-image';
import { RuntimeContainer, runtimeCall, startRuntimeContainer, waitUntilReady } from './runtime-container';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const MEMORY_MB = 128;
const PIDS_LIMIT = 48;

const HANDLER = `
const ms = require('ms');
const isNumber = require('is-number');
exports.handler = async (event, context) => ({
  duration: ms(event.duration),
  numeric: isNumber(event.value),
  greeting: context.data('greeting.txt').toString('utf8').trim(),
});
`;

describe('runtime server (images/runtime/server.js) in a specialized image', () => {
  const namespace = uniqueNamespace('runtime');
  let database: TestDatabase;
  let dataRoot: string;
  let app: INestApplicationContext;
  let container: RuntimeContainer;

  const profile = RuntimeProfileSchema.parse({
    ...defaultProfile('runtime-test', 'POST /greet', '20'),
    libraries: [
      { name: 'ms', version: '2.1.3' },
      { name: 'is-number', version: '7.0.0' },
      { name: 'kleur', version: '4.1.5' },
    ],
    preload: ['ms', 'kleur'],
    preloadedData: ['greeting.txt'],
    memoryMb: MEMORY_MB,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataRoot = await mkdtemp(join(tmpdir(), 'tailor-data-'));
    await mkdir(join(dataRoot, 'runtime-test'));
    await writeFile(join(dataRoot, 'runtime-test', 'greeting.txt'), 'hello from preloaded data\n');
    // the runtime server of this tree, not whatever tailor/runtime:base the engine holds
    const baseImage = await buildRuntimeBaseImage(docker, `tailor/runtime-${namespace}:base`, {
      [TailorLabel.Managed]: 'true',
      [TailorLabel.Namespace]: namespace,
    });
    [app] = await startFactoryReplicas({
      DATABASE_URL: database.url,
      TAILOR_NAMESPACE: namespace,
      RUNTIME_DATA_DIR: dataRoot,
      TAILOR_BASE_IMAGE: baseImage,
    });
    const built = await app
      .get(ImageBuildService)
      .run(
        { correlationId: 'test', contentHash: profileContentHash(profile), profile },
        { attemptsMade: 0, attempts: 1, progress: async () => undefined },
      );
    container = await startRuntimeContainer(docker, {
      image: built.imageRef,
      namespace,
      memoryMb: MEMORY_MB,
      pidsLimit: PIDS_LIMIT,
    });
    await waitUntilReady(container.url);
  });

  afterAll(async () => {
    await container?.remove();
    await stopFactoryReplicas(app ? [app] : undefined);
    await removeNamespaceFromDocker(docker, namespace);
    await database?.drop();
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('should answer /health with 200 once the preloads are loaded, with its time to ready', async () => {
    const health = await runtimeCall<{ status: string; timeToReadyMs: number; preloaded: number }>(
      container.url,
      '/health',
    );
    expect(health).toMatchObject({ status: 'ready', preloaded: 2 });
    expect(health.timeToReadyMs).toBeGreaterThan(0);
  });

  it('should load a handler bundle and invoke it with the preloaded libraries and data', async () => {
    await runtimeCall(container.url, '/load', {
      source: HANDLER,
      packageJson: { dependencies: { ms: '2.1.3', 'is-number': '7.0.0' } },
    });
    const invoked = await runtimeCall<{ result: unknown }>(container.url, '/invoke', {
      event: { duration: '2h', value: '42' },
    });
    expect(invoked.result).toEqual({ duration: 7_200_000, numeric: true, greeting: 'hello from preloaded data' });
  });

  it('should report misses, unused preloads, the libraries loaded with their versions and memory', async () => {
    const report = await runtimeCall<Record<string, unknown>>(container.url, '/report');
    expect(report).toMatchObject({
      profileHash: profileContentHash(profile),
      preloaded: ['kleur', 'ms'],
      misses: ['is-number'],
      unusedPreloads: ['kleur'],
      preloadedData: ['greeting.txt'],
      dataMisses: [],
      invocations: 1,
      preloadErrors: [],
    });
    expect(report.loaded).toEqual(
      expect.arrayContaining([
        { name: 'ms', version: '2.1.3', phase: 'preload' },
        { name: 'kleur', version: '4.1.5', phase: 'preload' },
        { name: 'is-number', version: '7.0.0', phase: 'handler' },
      ]),
    );
    expect((report.memory as { peakRssBytes: number }).peakRssBytes).toBeGreaterThan(0);
    expect(report.timeToReadyMs).toEqual(expect.any(Number));
  });

  it('should run as non-root, read-only root, no capabilities, no-new-privileges, with pids and memory limits', async () => {
    const sandbox = await runtimeCall<Record<string, unknown>>(container.url, '/sandbox');
    expect(sandbox).toEqual({
      uid: 65534,
      gid: 65534,
      capEff: '0000000000000000',
      capBnd: '0000000000000000',
      noNewPrivs: '1',
      rootWritable: false,
      pidsMax: String(PIDS_LIMIT),
      memoryMaxBytes: String(MEMORY_MB * 1024 * 1024),
    });
  });
});
