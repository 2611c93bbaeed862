import type { ClientProxy } from '@nestjs/microservices';
import { MessagePattern } from '@tailor/contracts';
import { NamespacedRedisClient, redisOptionsFromUrl, rpcRequest } from '@tailor/messaging';
import { createTestDatabase, ServiceProcess, startServiceProcess, TestDatabase, uniqueNamespace } from '@tailor/testing';

describe('predictor over Redis (the requests the provisioner makes)', () => {
  const namespace = uniqueNamespace('predictor-rpc');
  let database: TestDatabase;
  let predictor: ServiceProcess;
  let client: ClientProxy;

  beforeAll(async () => {
    database = await createTestDatabase();
    predictor = await startServiceProcess('predictor', { DATABASE_URL: database.url, TAILOR_NAMESPACE: namespace }, 90_000);
    // as the provisioner holds it
    client = new NamespacedRedisClient(namespace, { ...redisOptionsFromUrl('redis://127.0.0.1:6379'), retryAttempts: 0 }) as unknown as ClientProxy;
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await predictor?.stop();
    await database?.drop();
  });

  describe(MessagePattern.PredictProfile, () => {
    it('should answer an unknown endpoint with the default profile, flagged default, version 1', async () => {
      const reply = await rpcRequest(client, {
        dependency: 'predictor',
        pattern: MessagePattern.PredictProfile,
        payload: { correlationId: 'rpc-test', applicationId: 'shop', endpointId: 'GET /orders/:id' },
        timeoutMs: 10_000,
      });
      expect(reply).toMatchObject({ source: 'default', version: 1, modelVersion: null, profile: { memoryMb: 256, cpuMillis: 500 } });
    });
  });

  describe(MessagePattern.ForecastWarmPools, () => {
    it('should answer the batched forecast (empty and empirical while nothing is profiled)', async () => {
      const reply = await rpcRequest(client, {
        dependency: 'predictor',
        pattern: MessagePattern.ForecastWarmPools,
        payload: { correlationId: 'rpc-test', horizonMinutes: 5 },
        timeoutMs: 10_000,
      });
      expect(reply).toMatchObject({ source: 'empirical', modelVersion: null, horizonMinutes: 5, endpoints: [] });
    });

    it('should answer a bad request with the reason', async () => {
      await expect(
        rpcRequest(client, {
          dependency: 'predictor',
          pattern: MessagePattern.ForecastWarmPools,
          payload: { correlationId: 'rpc-test', horizonMinutes: 500 },
          timeoutMs: 10_000,
        }),
      ).rejects.toThrow(/horizonMinutes/);
    });
  });
});
