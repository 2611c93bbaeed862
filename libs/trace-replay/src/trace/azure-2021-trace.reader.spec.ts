import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AZURE_2021_NOMINAL_MEMORY_MB, readAzure2021Trace } from './azure-2021-trace.reader';
import { TraceFormatError } from './trace-format.error';
import { readTrace } from './trace-reader';

describe(readAzure2021Trace.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'azure-2021-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (lines: string[]) => {
    const file = join(dir, 'invocations-first5.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  };

  it('should count each invocation in the minute it started, per app and function, with the mean duration', async () => {
    const file = write([
      'app,func,end_timestamp,duration',
      'a1,f1,130.5,0.5',
      'a1,f1,59.0,0.5',
      'a1,f1,125.0,70.0',
      'a1,f2,61.0,2.0',
      'a2,f1,300.0,1.0',
    ]);
    const trace = await readAzure2021Trace(file);
    expect(trace.firstMinute).toBe(0);
    expect(trace.minuteCount).toBe(5);
    expect(trace.missing).toEqual({ durations: 0, memory: 3 });
    const f1 = trace.functions.find((f) => f.key === '/a1/f1');
    expect(f1).toMatchObject({
      appKey: '/a1',
      trigger: 'other',
      memoryMb: AZURE_2021_NOMINAL_MEMORY_MB,
      durationMs: (500 + 500 + 70_000) / 3,
    });
    expect(Array.from(f1?.invokedMinutes ?? [])).toEqual([0, 2]);
    expect(Array.from(f1?.invocations ?? [])).toEqual([2, 1]);
    expect(trace.functions.find((f) => f.key === '/a1/f2')?.appKey).toBe('/a1');
  });

  it('should name the line and column of a bad value', async () => {
    const file = write(['app,func,end_timestamp,duration', 'a1,f1,10,0.5', 'a1,f1,5,9']);
    const error = await readAzure2021Trace(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraceFormatError);
    expect(error).toMatchObject({ line: 3, column: 4 });
  });

  it('should be what readTrace picks for a folder holding a 2021 file', async () => {
    write(['app,func,end_timestamp,duration', 'a1,f1,10,0.5']);
    const { schema, trace } = await readTrace(dir);
    expect(schema).toBe('azure-functions-2021');
    expect(trace.functions).toHaveLength(1);
  });
});
