import { findAzure2021File, readAzure2021Trace } from './azure-2021-trace.reader';
import { readAzureTrace } from './azure-trace.reader';
import type { AzureTrace } from './azure-trace.types';

export type TraceSchema = 'azure-functions-2019' | 'azure-functions-2021';

/**
 * Reads a trace for the replay, whichever published schema it has: a folder (or file) of the 2021 invocation trace
 * (`app,func,end_timestamp,duration`), else a folder of the 2019 trace (invocations, durations, memory per day).
 */
export async function readTrace(
  path: string,
  options: { day?: string } = {},
): Promise<{ schema: TraceSchema; trace: AzureTrace }> {
  const file2021 = findAzure2021File(path);
  if (file2021) return { schema: 'azure-functions-2021', trace: await readAzure2021Trace(file2021) };
  return { schema: 'azure-functions-2019', trace: await readAzureTrace(path, options) };
}
