import type { HoldoutEvaluation, ModelMetrics } from './train-runtime-model';

export interface PromotionDecision {
  promote: boolean;
  reason: string;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

/**
 * A challenger becomes the champion only when its library decisions cost less, on the held-out later windows, than
 * every baseline's and than the current champion's on the same windows.
 */
export function promotionDecision(challenger: ModelMetrics, champion?: { version: number; holdout: HoldoutEvaluation }): PromotionDecision {
  const cost = challenger.library.model.costPerWindowMs;
  const rivals: [string, number][] = [
    ['the frequency baseline', challenger.library.frequency.costPerWindowMs],
    ['the recency baseline', challenger.library.recency.costPerWindowMs],
  ];
  if (champion) rivals.push([`champion v${champion.version}`, champion.holdout.library.costPerWindowMs]);
  for (const [name, rivalCost] of rivals) {
    if (!(cost < rivalCost)) {
      return { promote: false, reason: `held-out library cost ${ms(cost)} per window does not beat ${name} (${ms(rivalCost)})` };
    }
  }
  return { promote: true, reason: `held-out library cost ${ms(cost)} per window beats ${rivals.map(([n, c]) => `${n} (${ms(c)})`).join(', ')}` };
}
