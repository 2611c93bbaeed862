import { Module } from '@nestjs/common';

import { DependenciesModule } from '../dependencies/dependencies.module';
import { ImageResolver } from './image-resolver';
import { ProfileRepository } from './profile.repository';
import { ProfileResolver } from './profile-resolver';

@Module({
  imports: [DependenciesModule],
  providers: [ProfileRepository, ProfileResolver, ImageResolver],
  exports: [ProfileResolver, ImageResolver, DependenciesModule],
})
export class ResolutionModule {}
