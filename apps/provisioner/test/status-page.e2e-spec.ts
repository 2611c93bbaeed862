import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { PrismaPg } from '@prisma/adapter-pg';
import { TailorLabel } from '@tailor/docker';
import { PrismaClient } from '@tailor/prisma';
import { createTailorClient, type Environment, type TailorClient } from '@tailor/sdk';
import { createTestDatabase, ServiceProcess, startServiceProcess, TestDatabase, uniqueNamespace } from '@tailor/testing';
import Docker from 'dockerode';
import { type Browser, chromium, type Page } from 'playwright-core';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOT = resolve(__dirname, '../../../tmp/status-page.png');
const APPS = ['profiler-ingest', 'predictor', 'runtime-factory', 'provisioner'] as const;

const REPLAY_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="200" viewBox="0 0 480 200">
<rect width="480" height="200" fill="#fff"/><text x="10" y="20" font-size="14">cold starts vs idle memory (fixture)</text>
<circle cx="80" cy="150" r="5" fill="#ef4444"/><circle cx="200" cy="90" r="5" fill="#6366f1"/><circle cx="380" cy="40" r="5" fill="#10b981"/>
</svg>`;

describe('GET /status in a real headless Chromium', () => {
  const namespace = uniqueNamespace('status');
  let database: TestDatabase;
  let prisma: PrismaClient;
  let replayDir: string;
  let services: ServiceProcess[];
  let provisioner: ServiceProcess;
  let tailor: TailorClient;
  let browser: Browser;
  let page: Page;
  let environment: Environment;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    replayDir = await mkdtemp(join(tmpdir(), 'tailor-replay-'));
    await writeFile(join(replayDir, 'keep-warm-replay.svg'), REPLAY_SVG);
    await writeFile(join(replayDir, 'keep-warm-replay.json'), JSON.stringify({ generatedAt: '2026-11-28T06:00:00.000Z' }));
    await prisma.modelVersion.create({
      data: {
        kind: 'runtime-profile',
        version: 3,
        status: 'champion',
        statusReason: 'beats the champion and both baselines on the held-out windows',
        promotedAt: new Date(),
        metrics: {
          trainingMs: 5230,
          library: {
            model: { costPerWindowMs: 41.5, recall: 0.93 },
            frequency: { costPerWindowMs: 58.2, recall: 0.88 },
            recency: { costPerWindowMs: 66.9, recall: 0.81 },
          },
        },
      },
    });

    const env = {
      DATABASE_URL: database.url,
      TAILOR_NAMESPACE: namespace,
      STATUS_REFRESH_SECONDS: '1',
      STATUS_REPLAY_DIR: replayDir,
    };
    // generous start-up bound: four apps compile at once on a shared 2-core machine
    services = await Promise.all(APPS.map((app) => startServiceProcess(app, env, 120_000)));
    provisioner = services[3];
    const [ingest, predictor, factory] = services;
    tailor = createTailorClient({
      ingestUrl: ingest.url,
      predictorUrl: predictor.url,
      factoryUrl: factory.url,
      provisionerUrl: provisioner.url,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1360, height: 1100 } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (environment) await tailor.release(environment.id).catch(() => undefined);
    await Promise.all(services?.map((service) => service.stop()) ?? []);
    const leftovers = await docker.listContainers({ all: true, filters: { label: [`${TailorLabel.Namespace}=${namespace}`] } });
    await Promise.all(leftovers.map((container) => docker.getContainer(container.Id).remove({ force: true })));
    await prisma?.$disconnect();
    await database?.drop();
    if (replayDir) await rm(replayDir, { recursive: true, force: true });
  });

  it('should render the empty state, the model against its baselines and the replay plot', async () => {
    const response = await page.goto(`${provisioner.url}/status`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Tailor status');
    expect(await page.locator('section', { hasText: 'Recent provisions' }).textContent()).toContain('No provision yet');
    const model = await page.locator('section', { hasText: 'Current model' }).textContent();
    expect(model).toContain('runtime-profile v3');
    expect(model).toContain('library: model vs baselines');
    expect(model).toContain('frequency');
    const plotWidth = await page.locator('img.replay').evaluate((img: { complete: boolean; naturalWidth: number }) => img.naturalWidth);
    expect(plotWidth).toBe(480);
  });

  it('should show a provisioned environment, with its path and timings, after the page refreshes itself', async () => {
    environment = await tailor.provision({ applicationId: 'status-shop', endpointId: 'GET /baskets/:id' });

    // the page may have refreshed while the provision was under way: wait for the row as it is now
    const row = page.locator(`tr[data-environment-id="${environment.id}"][data-state="running"]`);
    await row.waitFor({ timeout: 30_000 });
    const text = await row.textContent();
    expect(text).toContain('status-shop');
    expect(text).toContain('GET /baskets/:id');
    expect(text).toContain('running');
    expect(text).toContain(environment.path ?? 'no path');
    expect(await row.locator('.timing .bar span').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.tile', { hasText: 'running environments' }).locator('.value').textContent()).toBe('1');

    await mkdir(resolve(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });
});
