import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { z } from 'zod';

import { type DatabaseConfig, databaseConfig, InjectNamespace } from './base-config.groups';
import { BaseEnvSchema } from './base-env.schema';
import { type ConfigOf, defineConfigGroup, InjectConfig } from './config-group';
import { configModuleFor } from './config.module';
import { InvalidEnvironmentError } from './validate-env';

const TestEnvSchema = BaseEnvSchema.extend({
  PORT: z.coerce.number().default(1),
  WIDGETS: z.coerce.number().default(3),
});
const widgetsConfig = defineConfigGroup('widgets', (env: z.infer<typeof TestEnvSchema>) => ({ count: env.WIDGETS }));

@Injectable()
class Reader {
  constructor(
    @InjectConfig(widgetsConfig) readonly widgets: ConfigOf<typeof widgetsConfig>,
    @InjectConfig(databaseConfig) readonly database: DatabaseConfig,
    @InjectNamespace() readonly namespace: string,
  ) {}
}

describe(configModuleFor.name, () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('should provide the base groups and the app groups from the parsed environment', async () => {
    process.env = { TAILOR_NAMESPACE: 'ns-one', WIDGETS: '7' };
    const moduleRef = await Test.createTestingModule({
      imports: [configModuleFor(TestEnvSchema, [widgetsConfig])],
      providers: [Reader],
    }).compile();
    const reader = moduleRef.get(Reader);
    expect(reader.widgets).toEqual({ count: 7 });
    expect(reader.database).toEqual({ url: 'postgresql://postgres@127.0.0.1:5432/tailor', poolIdleMs: 300_000 });
    expect(reader.namespace).toBe('ns-one');
  });

  it('should reject a bad environment naming the variable', async () => {
    process.env = { WIDGETS: 'many' };
    await expect(configModuleFor(TestEnvSchema, [widgetsConfig])).rejects.toThrow(InvalidEnvironmentError);
    await expect(configModuleFor(TestEnvSchema, [widgetsConfig])).rejects.toThrow(/WIDGETS/);
  });
});
