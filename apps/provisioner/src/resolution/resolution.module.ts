import { Module } from '@nestjs/common';

import { RpcClientsModule } from '../rpc-clients/rpc-clients.module';
import { ImageResolver } from './image-resolver';
import { ProfileRepository } from './profile.repository';
import { ProfileResolver } from './profile-resolver';

@Module({
  imports: [RpcClientsModule],
  providers: [ProfileRepository, ProfileResolver, ImageResolver],
  exports: [ProfileResolver, ImageResolver, RpcClientsModule],
})
export class ResolutionModule {}
