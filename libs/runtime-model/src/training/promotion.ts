import type { HoldoutEvaluation, ModelMetrics } from './train-runtime-model';

export interface PromotionDecision {
  promote: boolean;
  reason: string;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

/**
 * A challenger becomes the champion only when the library decisions it serves cost less, on the held-out later
 * windows, than the current champion's on the same windows, and no more than any baseline's. Its decisions are its
 * learned head's only when that head beat every baseline (chooseLibraryPolicy); otherwise they are the best
 * baseline's, so that the better of them serves and the registry says which.
 */
export function promotionDecision(challenger: ModelMetrics, champion?: { version: number; holdout: HoldoutEvaluation }): PromotionDecision {
  const { served } = challenger.library;
  const cost = served.costPerWindowMs;
  const what = served.policy === 'model' ? 'learned library head' : `${served.policy} baseline's library decisions (learned head ${ms(challenger.library.model.costPerWindowMs)})`;
  const baselines: [string, number][] = [
    ['the frequency baseline', challenger.library.frequency.costPerWindowMs],
    ['the recency baseline', challenger.library.recency.costPerWindowMs],
    ['the preload-all baseline', challenger.library.preloadAll.costPerWindowMs],
  ];
  for (const [name, rivalCost] of baselines) {
    if (cost > rivalCost) return { promote: false, reason: `held-out library cost ${ms(cost)} per window does not beat ${name} (${ms(rivalCost)})` };
  }
  if (champion && !(cost < champion.holdout.library.costPerWindowMs)) {
    return {
      promote: false,
      reason: `held-out library cost ${ms(cost)} per window (${what}) does not beat champion v${champion.version} (${ms(champion.holdout.library.costPerWindowMs)})`,
    };
  }
  const rivals = [...baselines, ...(champion ? [[`champion v${champion.version}`, champion.holdout.library.costPerWindowMs] as [string, number]] : [])];
  return {
    promote: true,
    reason: `serves the ${what}: held-out library cost ${ms(cost)} per window against ${rivals.map(([n, c]) => `${n} ${ms(c)}`).join(', ')}`,
  };
}
