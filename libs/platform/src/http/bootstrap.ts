import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type HttpConfig, httpConfig, namespaceConfig, type RedisConfig, redisConfig } from '@tailor/config';
import { NamespacedRedisServer, redisOptionsFromUrl } from '@tailor/messaging';
import { Logger } from 'nestjs-pino';

import { configureHttpApp } from './configure-http-app';
import { createHttpAdapter } from './http-adapter';
import type { ServiceDescription } from './service-description';

export interface BootstrapOptions extends ServiceDescription {
  /** also answer Nest microservice requests over Redis */
  microservice?: boolean;
}

/** Starts one Tailor app: HTTP on HOST:PORT, and its Redis microservice when it has one. */
export async function bootstrapService(module: Type<unknown>, options: BootstrapOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, createHttpAdapter(), { bufferLogs: true, bodyParser: false });
  const http = app.get<HttpConfig>(httpConfig.token);
  configureHttpApp(app, options, { bodyLimitBytes: http.bodyLimitBytes });
  if (options.microservice) {
    const strategy = new NamespacedRedisServer(
      app.get<string>(namespaceConfig.token),
      redisOptionsFromUrl(app.get<RedisConfig>(redisConfig.token).url),
    );
    app.connectMicroservice({ strategy });
    await app.startAllMicroservices();
  }
  await app.listen(http.port, http.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  app.get(Logger).log({ url, docs: `${url}/docs` }, `${options.name} listening on ${url}`);
  return app;
}

/** The entry point of an app's main.ts: a start-up failure (bad env, unreachable port) ends the process with its reason. */
export function runService(module: Type<unknown>, options: BootstrapOptions): void {
  bootstrapService(module, options).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${JSON.stringify({ level: 'fatal', service: options.name, msg: `failed to start: ${reason}` })}\n`);
    process.exit(1);
  });
}
