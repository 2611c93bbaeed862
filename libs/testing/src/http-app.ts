import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestingModule } from '@nestjs/testing';
import { configureHttpApp, createHttpAdapter, type HttpAppOptions, type ServiceDescription } from '@tailor/platform';

/** An app's module in this process, configured as bootstrapService does, initialised and ready for requests. */
export async function createHttpApp(
  moduleRef: TestingModule,
  service: ServiceDescription,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), { bodyParser: false });
  configureHttpApp(app, service, options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
