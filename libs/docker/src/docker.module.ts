import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Docker from 'dockerode';

/** The Docker engine client, from DOCKER_SOCKET. Inject it by its class: `constructor(private readonly docker: Docker)`. */
@Global()
@Module({
  providers: [
    {
      provide: Docker,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => new Docker({ socketPath: config.getOrThrow<string>('DOCKER_SOCKET') }),
    },
  ],
  exports: [Docker],
})
export class DockerModule {}
