import { Test } from '@nestjs/testing';

import { DependencyProbes } from './dependency-probes';
import { HealthController } from './health.controller';
import { HealthModule } from './health.module';

describe(HealthModule.name, () => {
  describe('forProbes', () => {
    it('should check only the probes the app names, in that order', async () => {
      const checked: string[] = [];
      const probe = (key: string) => async () => {
        checked.push(key);
        return { [key]: { status: 'up' as const } };
      };
      const moduleRef = await Test.createTestingModule({ imports: [HealthModule.forProbes('postgres', 'dockerEngine')] })
        .overrideProvider(DependencyProbes)
        .useValue({ postgres: probe('postgres'), redisServer: probe('redis'), dockerEngine: probe('docker') })
        .compile();

      const result = await moduleRef.get(HealthController).check();

      expect(checked).toEqual(['postgres', 'docker']);
      expect(result).toMatchObject({ status: 'ok', details: { postgres: { status: 'up' }, docker: { status: 'up' } } });
    });
  });
});
