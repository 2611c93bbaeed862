import 'reflect-metadata';

import { runService } from '@tailor/platform';

import { AppModule } from './app.module';

runService(AppModule, {
  name: 'predictor',
  description: 'Turns profiling history into a RuntimeProfile per application endpoint.',
  microservice: true,
});
