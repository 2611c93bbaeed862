import * as ingestApi from './generated/profiler-ingest';
import { createClient as createIngestClient } from './generated/profiler-ingest/client';
import * as predictorApi from './generated/predictor';
import { createClient as createPredictorClient } from './generated/predictor/client';
import * as provisionerApi from './generated/provisioner';
import { createClient as createProvisionerClient } from './generated/provisioner/client';
import { createClient as createFactoryClient } from './generated/runtime-factory/client';
import { TailorApiError } from './tailor-api.error';

export type Environment = provisionerApi.EnvironmentDto;
export type ProvisionRequest = provisionerApi.ProvisionRequestDto;
export type ProfilingBatch = ingestApi.ProfilingBatchDto;
export type BatchReceipt = ingestApi.BatchReceiptDto;
export type PredictedProfile = predictorApi.PredictedProfileDto;
export type RetrainAccepted = predictorApi.RetrainAcceptedDto;
export type ModelVersion = predictorApi.ModelVersionDto;
export type WarmPoolList = provisionerApi.WarmPoolListDto;
export type WarmPool = provisionerApi.WarmPoolDto;
export type PrewarmRequest = provisionerApi.PrewarmRequestDto;
export type LoadBundleRequest = provisionerApi.LoadBundleRequestDto;
export type Invocation = provisionerApi.InvocationDto;

export interface TailorClientOptions {
  /** e.g. http://127.0.0.1:3000 */
  provisionerUrl: string;
  /** profiler-ingest, e.g. http://127.0.0.1:3001 */
  ingestUrl: string;
  /** e.g. http://127.0.0.1:3002 */
  predictorUrl: string;
  /** runtime-factory, e.g. http://127.0.0.1:3003 */
  factoryUrl: string;
  /** sent as x-correlation-id with every request, so that one id follows the calls through the apps' logs */
  correlationId?: string;
  /** defaults to globalThis.fetch */
  fetch?: typeof fetch;
}

/** The local stack's addresses (`bash tools/scripts/stack.sh up`). */
export const LOCAL_STACK: TailorClientOptions = {
  provisionerUrl: 'http://127.0.0.1:3000',
  ingestUrl: 'http://127.0.0.1:3001',
  predictorUrl: 'http://127.0.0.1:3002',
  factoryUrl: 'http://127.0.0.1:3003',
};

interface Fields<T> {
  data?: T;
  error?: unknown;
  response?: Response;
}

/** The data of a generated call, or a TailorApiError carrying the app's error body. */
async function unwrap<T>(call: Promise<Fields<T>>): Promise<T> {
  let result: Fields<T>;
  try {
    result = await call;
  } catch (error) {
    throw TailorApiError.from(error, undefined);
  }
  if (result.error !== undefined || !result.response?.ok) throw TailorApiError.from(result.error, result.response);
  return result.data as T;
}

/**
 * A small hand-written façade over the four generated clients. Everything the apps document is also reachable through
 * `clients` and the generated functions (`provisionerApi`, `ingestApi`, `predictorApi`, `factoryApi`).
 */
export function createTailorClient(options: TailorClientOptions) {
  const config = (baseUrl: string) => ({
    baseUrl,
    fetch: options.fetch,
    headers: options.correlationId ? { 'x-correlation-id': options.correlationId } : undefined,
  });
  const clients = {
    provisioner: createProvisionerClient(config(options.provisionerUrl)),
    ingest: createIngestClient(config(options.ingestUrl)),
    predictor: createPredictorClient(config(options.predictorUrl)),
    factory: createFactoryClient(config(options.factoryUrl)),
  };
  const provisioner = { client: clients.provisioner };

  return {
    clients,
    /** POST /provision: a running environment for the endpoint, with its path, image, profile and timings. */
    provision: (body: ProvisionRequest): Promise<Environment> =>
      unwrap(provisionerApi.environmentsProvision({ ...provisioner, body })),
    /** GET /environments/:id */
    getEnvironment: (id: string): Promise<Environment> =>
      unwrap(provisionerApi.environmentsGet({ ...provisioner, path: { id } })),
    /** DELETE /environments/:id: the container is removed; releasing twice is harmless. */
    release: (id: string): Promise<Environment> =>
      unwrap(provisionerApi.environmentsRemove({ ...provisioner, path: { id } })),
    /** POST /environments/:id/load: loads a function bundle (its handler's CommonJS source) into the environment. */
    load: (id: string, bundle: LoadBundleRequest) =>
      unwrap(provisionerApi.invocationsLoad({ ...provisioner, path: { id }, body: bundle })),
    /** POST /environments/:id/invoke: the loaded function's answer to `event`, with what its libraries did. */
    invoke: (id: string, event?: unknown): Promise<Invocation> =>
      unwrap(provisionerApi.invocationsInvoke({ ...provisioner, path: { id }, body: { event } })),
    /** POST /v1/profiles: one profiling batch; re-sending a batch id is idempotent. */
    sendProfiles: (batch: ProfilingBatch): Promise<BatchReceipt> =>
      unwrap(ingestApi.ingestIngest({ client: clients.ingest, body: batch })),
    /** GET /v1/profiles/:applicationId/:endpointId: the endpoint's predicted RuntimeProfile. */
    getProfile: (applicationId: string, endpointId: string): Promise<PredictedProfile> =>
      unwrap(predictorApi.profilesPredict({ client: clients.predictor, path: { applicationId, endpointId } })),
    /** POST /v1/models/retrain: enqueues a retrain of the predictor's model; follow it with retrainStatus(jobId). */
    retrain: (correlationId = options.correlationId ?? globalThis.crypto.randomUUID()): Promise<RetrainAccepted> =>
      unwrap(predictorApi.modelsRetrain({ client: clients.predictor, headers: { 'x-correlation-id': correlationId } })),
    /** GET /v1/models/retrain/:jobId */
    retrainStatus: (jobId: string) => unwrap(predictorApi.modelsStatus({ client: clients.predictor, path: { jobId } })),
    /** GET /v1/models: the model versions, their status and held-out metrics. */
    listModels: (): Promise<ModelVersion[]> => unwrap(predictorApi.modelsList({ client: clients.predictor })),
    /** GET /pools: the warm pools, their target size and containers. */
    listPools: (): Promise<WarmPoolList> => unwrap(provisionerApi.poolsList({ ...provisioner })),
    /** POST /pools/prewarm: keeps at least `size` warm containers of the endpoint's profile for `minutes`. */
    prewarm: (body: PrewarmRequest): Promise<WarmPool> => unwrap(provisionerApi.poolsPrewarm({ ...provisioner, body })),
  };
}

export type TailorClient = ReturnType<typeof createTailorClient>;
