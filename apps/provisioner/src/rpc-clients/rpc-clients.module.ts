import { Module } from '@nestjs/common';

import { PeerAppsGateway } from './peer-apps.gateway';
import { rpcClientProvider } from './rpc-client.provider';

@Module({ providers: [rpcClientProvider, PeerAppsGateway], exports: [PeerAppsGateway] })
export class RpcClientsModule {}
