import { Module } from '@nestjs/common';

import { DependencyGateway } from './dependency.gateway';
import { rpcClientProvider } from './rpc-client.provider';

@Module({ providers: [rpcClientProvider, DependencyGateway], exports: [DependencyGateway] })
export class DependenciesModule {}
