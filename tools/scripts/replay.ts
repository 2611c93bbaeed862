/**
 * Replays an Azure Functions trace through the keep-warm policies (fixed-10/20/60, the hybrid histogram policy of
 * ATC'20 and Tailor's policy at several cost ratios) and reports cold starts against idle memory. Reads the 2019
 * schema (a day's invocations, durations and memory files) or the 2021 invocation trace (app,func,end_timestamp,duration).
 *
 *   npm run replay -- --trace ../shared/data/azure-functions-2019 [--out tmp/replay] [--day 01]
 *   npm run replay -- --trace ../shared/data/azure-functions-2021 --out tmp/replay-2021
 *
 * Writes `<out>/keep-warm-replay.json` and `<out>/keep-warm-replay.svg` and prints the table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import {
  coldVersusWasteSvg,
  evaluateKeepWarm,
  formatChecks,
  formatTable,
  readTrace,
  TraceFormatError,
} from '@tailor/trace-replay';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { trace: { type: 'string' }, out: { type: 'string' }, day: { type: 'string' } },
  });
  if (!values.trace) throw new Error('Usage: npm run replay -- --trace <dir> [--out <dir>] [--day <NN>]');
  const out = resolve(values.out ?? 'tmp/replay');
  const started = Date.now();
  const { schema, trace } = await readTrace(resolve(values.trace), { day: values.day });
  const read = Date.now();
  const evaluation = evaluateKeepWarm(trace);
  const done = Date.now();

  mkdirSync(out, { recursive: true });
  const jsonFile = join(out, 'keep-warm-replay.json');
  const svgFile = join(out, 'keep-warm-replay.svg');
  writeFileSync(jsonFile, JSON.stringify({ generatedAt: new Date().toISOString(), schema, ...evaluation }, null, 2));
  writeFileSync(
    svgFile,
    coldVersusWasteSvg(
      evaluation.summaries,
      `Keep-warm replay: ${trace.functions.length} functions × ${trace.minuteCount} min`,
    ),
  );
  console.log(
    `${schema}: ${trace.functions.length} functions × ${trace.minuteCount} minutes (from minute ${trace.firstMinute}); ` +
      `missing rows: durations ${trace.missing.durations}, memory ${trace.missing.memory}; ` +
      `read ${read - started} ms, replays ${done - read} ms, ${evaluation.retrainings} retrainings`,
  );
  console.log(formatTable(evaluation.summaries));
  console.log(formatChecks(evaluation));
  console.log(`wrote ${jsonFile} and ${svgFile}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof TraceFormatError ? `Malformed trace: ${error.message}` : error);
  process.exit(1);
});
