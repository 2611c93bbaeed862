import 'reflect-metadata';

import { runService } from '@tailor/platform';

import { AppModule } from './app.module';

runService(AppModule, {
  name: 'provisioner',
  description: 'Hands out runtime environments: POST /provision, GET and DELETE /environments/:id.',
});
