import { Module } from '@nestjs/common';

import { DockerEngines } from './docker-engines';
import { EnginePlacement } from './engine-placement';
import { RuntimeLauncher } from './runtime-launcher';

@Module({ providers: [DockerEngines, EnginePlacement, RuntimeLauncher], exports: [DockerEngines, EnginePlacement, RuntimeLauncher] })
export class EnginesModule {}
