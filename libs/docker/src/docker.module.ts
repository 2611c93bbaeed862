import { Global, Module } from '@nestjs/common';
import Docker from 'dockerode';

import { type DockerConfig, dockerConfig } from './docker-env.schema';

/** The Docker engine client, from DOCKER_SOCKET. Inject it by its class: `constructor(private readonly docker: Docker)`. */
@Global()
@Module({
  providers: [
    {
      provide: Docker,
      inject: [dockerConfig.token],
      useFactory: (docker: DockerConfig) => new Docker({ socketPath: docker.socket }),
    },
  ],
  exports: [Docker],
})
export class DockerModule {}
