import 'reflect-metadata';

import { runService } from '@tailor/platform';

import { AppModule } from './app.module';

runService(AppModule, {
  name: 'runtime-factory',
  description: 'Builds specialized runtime images from profiles and caches them by content.',
  microservice: true,
});
