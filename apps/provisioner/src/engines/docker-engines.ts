import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { type DockerConfig, dockerConfig } from '@tailor/docker';
import Docker from 'dockerode';

import { enginesConfig, type EnginesConfig } from '../config/provisioner-config.groups';

/** One Docker engine runtimes can be placed on; its name is its socket path (stored as environments.dockerHost). */
export interface DockerEngine {
  name: string;
  docker: Docker;
}

/** The Docker engines of DOCKER_HOSTS (or DOCKER_SOCKET alone). The engine of DOCKER_SOCKET reuses the app's client. */
@Injectable()
export class DockerEngines {
  private readonly engines: DockerEngine[];

  constructor(
    defaultDocker: Docker,
    @InjectConfig(dockerConfig) docker: DockerConfig,
    @InjectConfig(enginesConfig) engines: EnginesConfig,
  ) {
    const defaultSocket = docker.socket;
    const sockets = engines.hosts ?? [defaultSocket];
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
