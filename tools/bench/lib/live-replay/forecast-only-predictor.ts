import { type ForecastWarmPoolsReply, ForecastWarmPoolsRequestSchema, MessagePattern } from '@tailor/contracts';
import { NamespacedRedisServer, redisOptionsFromUrl } from '@tailor/messaging';

export interface StandInPredictor {
  close(): Promise<void>;
}

/**
 * Stands in for the predictor on the namespace's Redis. It answers the warm-pool forecast as the predictor does while
 * it has no profiling data (no active endpoint, so the provisioner's online keep-warm policy decides every pool), and
 * never answers profile predictions, so that the provisioner serves each endpoint's stored profile: the real
 * predictor, without a model, would answer the default profile for every endpoint, and all would share one pool.
 */
export async function startForecastOnlyPredictor(namespace: string, redisUrl: string): Promise<StandInPredictor> {
  const server = new NamespacedRedisServer(namespace, redisOptionsFromUrl(redisUrl));
  server.addHandler(MessagePattern.ForecastWarmPools, async (data: unknown): Promise<ForecastWarmPoolsReply> => {
    const request = ForecastWarmPoolsRequestSchema.parse(data);
    const now = new Date();
    return {
      modelVersion: null,
      source: 'empirical',
      generatedAt: now.toISOString(),
      fromMinute: Math.floor(now.getTime() / 60_000),
      horizonMinutes: request.horizonMinutes,
      endpoints: [],
    };
  });
  await new Promise<void>((resolve, reject) =>
    server.listen((error?: unknown) => (error ? reject(error as Error) : resolve())),
  );
  return { close: async () => void (await server.close()) };
}
