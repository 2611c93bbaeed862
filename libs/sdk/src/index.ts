// @tailor/sdk: typed clients of Tailor's four apps, generated from their OpenAPI documents (openapi/*.json) by
// `npm run sdk`, and a small façade over them (createTailorClient).
export * as ingestApi from './generated/profiler-ingest';
export * as predictorApi from './generated/predictor';
export * as provisionerApi from './generated/provisioner';
export * as factoryApi from './generated/runtime-factory';
export * from './tailor-api.error';
export * from './tailor-client';
