import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { configureHttpApp } from '@tailor/platform';

import { APP_DESCRIPTION } from '../src/app.description';

/** profiler-ingest's AppModule in this process, configured as bootstrapService does (env must be set before). */
export async function createIngestApp(bodyLimitBytes: number): Promise<NestExpressApplication> {
  const { AppModule } = await import('../src/app.module');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
  configureHttpApp(app, APP_DESCRIPTION, { bodyLimitBytes, parseJson: APP_DESCRIPTION.parseJson });
  await app.init();
  return app;
}
