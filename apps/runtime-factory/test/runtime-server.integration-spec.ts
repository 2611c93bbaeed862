import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import type { INestApplicationContext } from '@nestjs/common';
import { ImageMatch, ProfilingBatch, ProfilingBatchSchema, RuntimeProfileSchema } from '@tailor/contracts';
import { TailorLabel } from '@tailor/docker';
import { buildRuntimeBaseImage } from '@tailor/image-builder';
import { defaultProfile, profileContentHash } from '@tailor/profiles';
import {
  createTestDatabase,
  removeNamespaceFromEngine,
  RuntimeContainer,
  startRuntimeContainer,
  TestDatabase,
  uniqueNamespace,
  waitUntilReady,
} from '@tailor/testing';
import Docker from 'dockerode';

import { ImageBuildService } from '../src/builds/image-build.service';
import { RuntimeImageRepository } from '../src/images/runtime-image.repository';
import { ImageResolutionService } from '../src/resolution/image-resolution.service';
import { startFactoryReplicas, stopFactoryReplicas } from './factory-test-context';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const GREETING = 'hello from preloaded data\n';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
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

/** A stand-in for profiler-ingest on loopback (runtimes share the host's network): records batches, answers receipts. */
async function fakeIngest(): Promise<{ url: string; batches: ProfilingBatch[]; close: () => Promise<void> }> {
  const batches: ProfilingBatch[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // as profiler-ingest reads it: validated, each record's library list resolved
      const batch = ProfilingBatchSchema.parse(JSON.parse(gunzipSync(Buffer.concat(chunks)).toString()));
      batches.push(batch);
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ batchId: batch.batchId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    batches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('runtime server (images/runtime/server.js) in a specialized image', () => {
  const namespace = uniqueNamespace('runtime');
  let database: TestDatabase;
  let dataRoot: string;
  let app: INestApplicationContext;
  let imageRef: string;
  let container: RuntimeContainer;

  const profile = RuntimeProfileSchema.parse({
    ...defaultProfile('runtime-test', 'POST /greet', '20'),
    libraries: [
      { name: 'ms', version: '2.1.3' },
      { name: 'is-number', version: '7.0.0' },
      { name: 'kleur', version: '4.1.5' },
      // uses node:http while it loads: it cannot be in the startup snapshot and is loaded from disk at start
      { name: 'node-fetch', version: '2.7.0' },
    ],
    preload: ['ms', 'kleur', 'node-fetch'],
    preloadedData: ['greeting.txt'],
    memoryMb: MEMORY_MB,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataRoot = await mkdtemp(join(tmpdir(), 'tailor-data-'));
    await mkdir(join(dataRoot, 'runtime-test'));
    await writeFile(join(dataRoot, 'runtime-test', 'greeting.txt'), GREETING);
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
    imageRef = built.imageRef;
    container = await startRuntimeContainer(docker, {
      image: imageRef,
      namespace,
      memoryMb: MEMORY_MB,
      pidsLimit: PIDS_LIMIT,
    });
    await waitUntilReady(container.runtime);
  });

  afterAll(async () => {
    await container?.remove();
    await stopFactoryReplicas(app ? [app] : undefined);
    await removeNamespaceFromEngine(docker, namespace);
    await database?.drop();
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('should answer /health with 200 once the preloads are loaded, with its time to ready', async () => {
    const health = await container.runtime.health();
    expect(health).toMatchObject({ status: 'ready', preloaded: 3 });
    expect(health.timeToReadyMs).toBeGreaterThan(0);
  });

  it('should load a handler bundle and invoke it with the preloaded libraries and data', async () => {
    await container.runtime.load({
      source: HANDLER,
      packageJson: { dependencies: { ms: '2.1.3', 'is-number': '7.0.0' } },
    });
    const invoked = await container.runtime.invoke({ event: { duration: '2h', value: '42' } });
    expect(invoked.result).toEqual({ duration: 7_200_000, numeric: true, greeting: 'hello from preloaded data' });
  });

  it('should start from the startup snapshot built into the image, with the preloads that can be in it', async () => {
    const report = await container.runtime.report();
    expect(report.snapshot.failed).toEqual(['node-fetch']);
    expect(report.preloadErrors).toEqual([]);
    // ms, kleur, the agent's shipping bundle and node-fetch's own dependencies at least
    expect(report.snapshot.modules).toBeGreaterThanOrEqual(4);
    expect(Object.keys(report.timeline)).toEqual(
      expect.arrayContaining(['processStart', 'main', 'preloaded', 'ready', 'loadStart', 'loadEnd']),
    );
  });

  it('should report misses, unused preloads, the libraries loaded with their versions and memory', async () => {
    const report = await container.runtime.report();
    expect(report).toMatchObject({
      // the data file's contents are part of the image's hash
      profileHash: profileContentHash(profile, { 'greeting.txt': sha256(GREETING) }),
      preloaded: ['kleur', 'ms', 'node-fetch'],
      misses: ['is-number'],
      unusedPreloads: ['kleur', 'node-fetch'],
      preloadedData: ['greeting.txt'],
      dataMisses: [],
      invocations: 1,
      preloadErrors: [],
    });
    expect(report.loaded).toEqual(
      expect.arrayContaining([
        { name: 'ms', version: '2.1.3', phase: 'preload' },
        { name: 'kleur', version: '4.1.5', phase: 'preload' },
        { name: 'node-fetch', version: '2.7.0', phase: 'preload' },
        { name: 'is-number', version: '7.0.0', phase: 'handler' },
      ]),
    );
    expect(report.memory.peakRssBytes).toBeGreaterThan(0);
    expect(report.timeToReadyMs).toEqual(expect.any(Number));
  });

  it("should ship its invocations to profiler-ingest through the profiling agent when given the ingest's URL", async () => {
    const ingest = await fakeIngest();
    const shipping = await startRuntimeContainer(docker, {
      image: imageRef,
      namespace,
      memoryMb: MEMORY_MB,
      pidsLimit: PIDS_LIMIT,
      env: [
        `TAILOR_INGEST_URL=${ingest.url}`,
        'TAILOR_APPLICATION_ID=runtime-test',
        'TAILOR_ENDPOINT_ID=POST /greet',
        'TAILOR_AGENT_WINDOW_MS=100',
      ],
    });
    try {
      await waitUntilReady(shipping.runtime);
      await shipping.runtime.load({ source: HANDLER });
      for (const value of ['1', 'x']) {
        await shipping.runtime.invoke({ event: { duration: '1m', value } });
      }
      for (const deadline = Date.now() + 15_000; ingest.batches.length === 0 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const [record] = ingest.batches[0].events;
      expect(record).toMatchObject({
        applicationId: 'runtime-test',
        endpointId: 'POST /greet',
        invocations: 2,
        language: 'node',
      });
      expect(record.libraries).toEqual(
        expect.arrayContaining([
          { name: 'ms', version: '2.1.3' },
          { name: 'is-number', version: '7.0.0' },
        ]),
      );
      const report = await shipping.runtime.report();
      expect(report.agent?.deliveredInvocations).toBe(2);
    } finally {
      await shipping.remove();
      await ingest.close();
    }
  });

  it('should build a new image once a preloaded data file changed, and that image preloads the new contents', async () => {
    const resolution = app.get(ImageResolutionService);
    const request = { correlationId: 'test', contentHash: profileContentHash(profile), profile };
    expect(await resolution.resolve(request)).toMatchObject({ match: ImageMatch.Exact, imageRef });

    const changed = 'hello from changed data\n';
    await writeFile(join(dataRoot, 'runtime-test', 'greeting.txt'), changed);
    expect(await resolution.resolve(request)).toMatchObject({ buildEnqueued: true });
    const newHash = profileContentHash(profile, { 'greeting.txt': sha256(changed) });
    const images = app.get(RuntimeImageRepository);
    let ready = await images.findReady(newHash);
    for (const deadline = Date.now() + 180_000; !ready && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ready = await images.findReady(newHash);
    }
    const newImage = `tailor/runtime-${namespace}:${newHash}`;
    expect(ready?.imageRef).toBe(newImage);

    const rebuilt = await startRuntimeContainer(docker, { image: newImage, namespace, memoryMb: MEMORY_MB });
    try {
      await waitUntilReady(rebuilt.runtime);
      await rebuilt.runtime.load({ source: HANDLER });
      const invoked = await rebuilt.runtime.invoke({ event: { duration: '1s', value: '1' } });
      expect((invoked.result as { greeting: string }).greeting).toBe('hello from changed data');
      expect(await rebuilt.runtime.report()).toMatchObject({ dataMisses: [] });
    } finally {
      await rebuilt.remove();
    }
  });

  it('should run as non-root, read-only root, no capabilities, no-new-privileges, with pids and memory limits', async () => {
    const sandbox = await container.runtime.sandbox();
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
