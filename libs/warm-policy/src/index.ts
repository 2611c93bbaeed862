export * from './policy/keep-warm-policy';
export { concurrencyFor } from './policy/function-registry';
export * from './policy/fixed-keep-alive.policy';
export * from './policy/idle-time-histogram';
export * from './policy/hybrid-histogram.policy';
export * from './policy/tailor-keep-warm.policy';
export * from './policy/keep-warm-policy.factory';
export * from './forecast/arrival-features';
export * from './forecast/arrival-forecaster';
