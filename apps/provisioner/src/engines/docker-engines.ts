import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Docker from 'dockerode';

import type { ProvisionerEnv } from '../config/provisioner-env.schema';

/** One Docker engine runtimes can be placed on; its name is its socket path (stored as environments.dockerHost). */
export interface DockerEngine {
  name: string;
  docker: Docker;
}

/** The Docker engines of DOCKER_HOSTS (or DOCKER_SOCKET alone). The engine of DOCKER_SOCKET reuses the app's client. */
@Injectable()
export class DockerEngines {
  private readonly engines: DockerEngine[];

  constructor(defaultDocker: Docker, config: ConfigService<ProvisionerEnv, true>) {
    const defaultSocket = config.get('DOCKER_SOCKET', { infer: true });
    const sockets = config.get('DOCKER_HOSTS', { infer: true }) ?? [defaultSocket];
    this.engines = [...new Set(sockets)].map((socket) => ({
      name: socket,
      docker: socket === defaultSocket ? defaultDocker : new Docker({ socketPath: socket }),
    }));
  }

  all(): readonly DockerEngine[] {
    return this.engines;
  }

  /** The engine a stored row names; the first engine for rows written before DOCKER_HOSTS named one. */
  get(name: string | null | undefined): DockerEngine {
    return this.engines.find((engine) => engine.name === name) ?? this.engines[0];
  }

  has(name: string): boolean {
    return this.engines.some((engine) => engine.name === name);
  }
}
