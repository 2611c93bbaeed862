import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { configModuleFor } from '@tailor/config';
import { loggingModuleFor } from '@tailor/logging';
import { HealthModule, RedisModule } from '@tailor/platform';
import { PrismaModule } from '@tailor/prisma';
import { dockerConfig, DockerModule } from '@tailor/docker';
import { ZodValidationPipe } from 'nestjs-zod';

import { PROVISIONER_CONFIG_GROUPS } from './config/provisioner-config.groups';
import { ProvisionerEnvSchema } from './config/provisioner-env.schema';
import { ProvisionerMetricsModule } from './metrics/provisioner-metrics.module';
import { StatusModule } from './status/status.module';
import { EnvironmentsModule } from './environments/environments.module';
import { InvocationsModule } from './invocations/invocations.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';

@Module({
  imports: [
    configModuleFor(ProvisionerEnvSchema, [dockerConfig, ...PROVISIONER_CONFIG_GROUPS]),
    loggingModuleFor('provisioner'),
    PrismaModule,
    RedisModule,
    DockerModule,
    HealthModule.forProbes('postgres', 'redisServer', 'dockerEngine'),
    ProvisionerMetricsModule,
    StatusModule,
    EnvironmentsModule,
    InvocationsModule,
    LifecycleModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: ZodValidationPipe }],
})
export class AppModule {}
