import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createHttpApp } from '@tailor/testing';

import { APP_DESCRIPTION } from '../src/app.description';

/** profiler-ingest's AppModule in this process, configured as bootstrapService does (env must be set before). */
export async function createIngestApp(bodyLimitBytes: number): Promise<NestFastifyApplication> {
  const { AppModule } = await import('../src/app.module');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  return createHttpApp(moduleRef, APP_DESCRIPTION, { bodyLimitBytes });
}
