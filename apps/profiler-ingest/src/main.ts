import 'reflect-metadata';

import { runService } from '@tailor/platform';

import { AppModule } from './app.module';

runService(AppModule, {
  name: 'profiler-ingest',
  description: 'Validates and stores the profiling data that agents send.',
});
