import { randomUUID } from 'node:crypto';

import { TailorLabel } from '@tailor/docker';
import { createTailorClient, type Environment, type TailorClient } from '@tailor/sdk';
import {
  createTestDatabase,
  parsePrometheusText,
  type PrometheusSample,
  sampleValue,
  ServiceProcess,
  startServiceProcess,
  TestDatabase,
  uniqueNamespace,
} from '@tailor/testing';
import Docker from 'dockerode';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const APPS = ['profiler-ingest', 'predictor', 'runtime-factory', 'provisioner'] as const;
type App = (typeof APPS)[number];

/** GET /metrics of every app, parsed (a body that is not Prometheus text fails the test). */
async function scrapeAll(services: Record<App, ServiceProcess>): Promise<Record<App, PrometheusSample[]>> {
  const entries = await Promise.all(
    APPS.map(async (app) => {
      const response = await fetch(`${services[app].url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return [app, parsePrometheusText(await response.text())] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<App, PrometheusSample[]>;
}

describe('GET /metrics of the four apps around a provision', () => {
  const namespace = uniqueNamespace('metrics');
  const applicationId = 'metrics-shop';
  const endpointId = 'GET /carts/:id';
  let database: TestDatabase;
  let services: Record<App, ServiceProcess>;
  let tailor: TailorClient;
  let before: Record<App, PrometheusSample[]>;
  let after: Record<App, PrometheusSample[]>;
  let environment: Environment;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, TAILOR_NAMESPACE: namespace };
    // generous start-up bound: four apps compile at once on a shared 2-core machine
    const started = await Promise.all(APPS.map((app) => startServiceProcess(app, env, 120_000)));
    services = Object.fromEntries(started.map((service) => [service.app, service])) as Record<App, ServiceProcess>;
    tailor = createTailorClient({
      ingestUrl: services['profiler-ingest'].url,
      predictorUrl: services.predictor.url,
      factoryUrl: services['runtime-factory'].url,
      provisionerUrl: services.provisioner.url,
      correlationId: `corr-${namespace}`,
    });

    before = await scrapeAll(services);
    await tailor.sendProfiles({
      batchId: randomUUID(),
      libraryLists: [[]],
      events: [
        {
          applicationId,
          endpointId,
          language: 'node',
          languageVersion: '20.20.2',
          libraryList: 0,
          cpuTimeMs: 1.5,
          memory: { rssBytes: 50_000_000, heapUsedBytes: 8_000_000, peakRssBytes: 52_000_000 },
          executionTimeMs: 2.5,
          timestamp: new Date().toISOString(),
        },
      ],
    });
    const refused = await fetch(`${services['profiler-ingest'].url}/v1/profiles`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'not json',
    });
    expect(refused.status).toBe(415);
    environment = await tailor.provision({ applicationId, endpointId });
    after = await scrapeAll(services);
  }, 240_000);

  afterAll(async () => {
    if (environment) await tailor.release(environment.id).catch(() => undefined);
    await Promise.all(Object.values(services ?? {}).map((service) => service.stop()));
    const leftovers = await docker.listContainers({ all: true, filters: { label: [`${TailorLabel.Namespace}=${namespace}`] } });
    await Promise.all(leftovers.map((container) => docker.getContainer(container.Id).remove({ force: true })));
    await database?.drop();
  });

  const moved = (app: App, name: string, labels: Record<string, string> = {}) =>
    sampleValue(after[app], name, labels) - sampleValue(before[app], name, labels);

  it('should expose default Node metrics labelled with the app in every app', () => {
    for (const app of APPS) {
      expect(after[app].find((sample) => sample.name === 'tailor_process_resident_memory_bytes')?.labels).toMatchObject({ app });
    }
  });

  it('should count the provision as cold on the fallback path and time it', () => {
    expect(environment.path).toBe('cold_fallback');
    expect(moved('provisioner', 'tailor_provisions_total', { path: 'cold_fallback', outcome: 'cold' })).toBe(1);
    expect(moved('provisioner', 'tailor_provisions_total', { outcome: 'warm' })).toBe(0);
    expect(moved('provisioner', 'tailor_provision_duration_seconds_count', { path: 'cold_fallback' })).toBe(1);
    expect(moved('provisioner', 'tailor_http_requests_total', { route: '/provision', method: 'POST', status: '201' })).toBe(1);
  });

  it('should time the prediction answered over Redis', () => {
    expect(moved('predictor', 'tailor_prediction_duration_seconds_count', { transport: 'rpc', source: 'default' })).toBe(1);
  });

  it('should count the base image handed out and report the image cache and the build queue', () => {
    expect(moved('runtime-factory', 'tailor_image_resolutions_total', { match: 'base' })).toBe(1);
    expect(sampleValue(after['runtime-factory'], 'tailor_image_cache_images', { status: 'ready' })).toBeGreaterThanOrEqual(1);
    expect(moved('runtime-factory', 'tailor_image_cache_hits')).toBe(1);
    expect(after['runtime-factory'].some((sample) => sample.name === 'tailor_queue_jobs' && sample.labels.queue === 'image-build')).toBe(true);
  });

  it('should count the stored events and the refused batch in profiler-ingest', () => {
    expect(moved('profiler-ingest', 'tailor_ingest_events_total')).toBe(1);
    expect(moved('profiler-ingest', 'tailor_ingest_batches_total', { result: 'stored' })).toBe(1);
    expect(moved('profiler-ingest', 'tailor_ingest_rejects_total', { reason: '415' })).toBe(1);
  });
});
