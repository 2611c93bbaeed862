import type { KeepWarmEvaluation } from './keep-warm-evaluation';
import type { PolicySummary } from './replay-summary';

/** The printed table: policy, cold invoked-minutes, mean and p75 per-function cold %, waste relative to fixed-10. */
export function formatTable(summaries: PolicySummary[]): string {
  const header = ['policy', 'cold', 'cold-first', 'mean cold %', 'p75 cold %', 'waste GB·min', 'waste/fixed-10'];
  const rows = summaries.map((s) => [
    s.policy,
    String(s.coldMinutes),
    String(s.avoidableColdMinutes),
    s.meanColdPercent.toFixed(1),
    s.p75ColdPercent.toFixed(1),
    (s.wasteMbMinutes / 1024).toFixed(1),
    s.wasteVsFixed10 === undefined ? '-' : s.wasteVsFixed10.toFixed(3),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A short text account of the Pareto checks and the generalisation splits. */
export function formatChecks(evaluation: KeepWarmEvaluation): string {
  const out: string[] = [];
  for (const c of evaluation.comparisons) {
    out.push(
      `${c.baseline}: dominated by ${c.dominatedBy.length === 0 ? 'no Tailor setting' : c.dominatedBy.join(', ')}`,
    );
  }
  const aim = evaluation.hybridAim;
  if (aim) {
    out.push(
      `hybrid aim (≤ half its ${aim.hybridAvoidableCold} avoidable cold starts at less waste): ${aim.met ? 'met' : 'not met'}` +
        (aim.best ? ` by ${aim.best.policy} with ${aim.best.avoidableCold}` : ''),
    );
  }
  for (const split of [evaluation.functionSplit, evaluation.timeSplit]) {
    out.push(`-- ${split.description}`);
    for (const [part, comparisons] of Object.entries(split.comparisons)) {
      const dominated = comparisons.filter((c) => c.dominatedBy.length > 0).map((c) => c.baseline);
      out.push(
        `  ${part}: baselines dominated by some Tailor setting: ${dominated.join(', ') || 'none'} (of ${comparisons.length})`,
      );
    }
    for (const [name, checks] of Object.entries(split.heldOut)) {
      const cells = checks.map(
        (c) =>
          `${c.baseline} ratio ${c.fittedRatio?.toExponential(0)} → ${c.heldOut.cold}/${Math.round(c.heldOut.waste / 1024)} vs ` +
          `${c.heldOut.baselineCold}/${Math.round(c.heldOut.baselineWaste / 1024)} ${c.heldOut.dominates ? 'dominates' : 'does not dominate'}`,
      );
      out.push(`  ${name} (cold/waste GB·min): ${cells.join('; ')}`);
    }
  }
  return out.join('\n');
}
