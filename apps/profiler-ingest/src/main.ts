import 'reflect-metadata';

import { runService } from '@tailor/platform';

import { APP_DESCRIPTION } from './app.description';
import { AppModule } from './app.module';

runService(AppModule, APP_DESCRIPTION);
