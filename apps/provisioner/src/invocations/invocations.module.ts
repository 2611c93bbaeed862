import { Module } from '@nestjs/common';

import { EnvironmentsModule } from '../environments/environments.module';
import { InvocationService } from './invocation.service';
import { InvocationsController } from './invocations.controller';

@Module({
  imports: [EnvironmentsModule],
  controllers: [InvocationsController],
  providers: [InvocationService],
})
export class InvocationsModule {}
