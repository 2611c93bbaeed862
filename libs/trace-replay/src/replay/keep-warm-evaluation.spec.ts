import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { readAzureTrace } from '../trace/azure-trace.reader';
import type { AzureTrace } from '../trace/azure-trace.types';
import { evaluateKeepWarm, type KeepWarmEvaluation } from './keep-warm-evaluation';
import { dominates } from './replay-summary';

/** The real sample of the published trace, committed as a fixture; by path, since importing @tailor/testing here would
 * make a project cycle (testing reads traces with this lib). */
const SAMPLE = resolve(__dirname, '../../../testing/fixtures/traces/azure-functions-2019');

describe(evaluateKeepWarm.name, () => {
  let trace: AzureTrace;
  let evaluation: KeepWarmEvaluation;

  beforeAll(async () => {
    expect(existsSync(SAMPLE)).toBe(true);
    trace = await readAzureTrace(SAMPLE);
    evaluation = evaluateKeepWarm(trace);
  });

  const summary = (policy: string) => {
    const found = evaluation.summaries.find((s) => s.policy === policy);
    if (!found) throw new Error(`no summary for ${policy}`);
    return found;
  };

  it('should read all 50 functions × 480 minutes of the sample with every memory and duration row', () => {
    expect(trace.functions).toHaveLength(50);
    expect(trace.minuteCount).toBe(480);
    expect(trace.missing).toEqual({ durations: 0, memory: 0 });
  });

  it('should count exactly 208 cold invoked-minutes for fixed-10 and 61 for fixed-60 (the published reading)', () => {
    expect(summary('fixed-10').coldMinutes).toBe(208);
    expect(summary('fixed-60').coldMinutes).toBe(61);
  });

  it('should Pareto-dominate every baseline with some Tailor setting', () => {
    const tailor = evaluation.summaries.filter((s) => s.family === 'tailor');
    for (const baseline of evaluation.summaries.filter((s) => s.family !== 'tailor')) {
      expect({ baseline: baseline.policy, dominated: tailor.some((t) => dominates(t, baseline)) }).toEqual({
        baseline: baseline.policy,
        dominated: true,
      });
    }
  });

  it('should at least halve the hybrid policy’s avoidable cold starts at less waste', () => {
    expect(evaluation.hybridAim?.met).toBe(true);
  });

  it('should dominate every baseline on each half of the functions and of the minutes, replayed as unseen data', () => {
    for (const split of [evaluation.functionSplit, evaluation.timeSplit]) {
      for (const comparisons of Object.values(split.comparisons)) {
        expect(comparisons.filter((c) => c.dominatedBy.length === 0).map((c) => c.baseline)).toEqual([]);
      }
    }
  });

  it('should retrain the online model every simulated hour and export plain weights', () => {
    expect(evaluation.retrainings).toBe(7);
    expect(evaluation.model?.coefficients).toHaveLength(evaluation.model?.featureNames.length ?? -1);
  });
});
