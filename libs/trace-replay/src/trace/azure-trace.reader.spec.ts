import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { findTraceFiles, readAzureTrace } from './azure-trace.reader';
import { TraceFormatError } from './trace-format.error';

const INVOCATIONS = [
  'HashOwner,HashApp,HashFunction,Trigger,1,2,3,4',
  'o1,a1,f1,http,0,2,0,1',
  'o1,a1,f2,timer,1,0,0,0',
  'o2,a2,f3,queue,0,0,0,0',
];
const DURATIONS = ['HashOwner,HashApp,HashFunction,Average,Count', 'o1,a1,f1,250,3'];
const APP_MEMORY = ['HashOwner,HashApp,SampleCount,AverageAllocatedMb,AverageAllocatedMb_pct50', 'o1,a1,10,120,128'];

describe(readAzureTrace.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'azure-trace-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(files: Record<string, string[]>): void {
    for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), lines.join('\n') + '\n');
  }

  async function failure(): Promise<TraceFormatError> {
    const error = await readAzureTrace(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraceFormatError);
    return error as TraceFormatError;
  }

  it('should read the published schema: any minute columns, memory per app, joined on the hashes', async () => {
    write({ 'invocations.csv': INVOCATIONS, 'durations.csv': DURATIONS, 'memory.csv': APP_MEMORY });
    const trace = await readAzureTrace(dir);
    expect(trace.firstMinute).toBe(1);
    expect(trace.minuteCount).toBe(4);
    const [f1, f2, f3] = trace.functions;
    expect(f1.key).toBe('o1/a1/f1');
    expect(Array.from(f1.invokedMinutes)).toEqual([2, 4]);
    expect(Array.from(f1.invocations)).toEqual([2, 1]);
    expect(f1).toMatchObject({ trigger: 'http', memoryMb: 128, memorySource: 'app', durationMs: 250 });
    expect(f2).toMatchObject({ memoryMb: 128, durationMs: undefined });
    expect(f3).toMatchObject({ memorySource: 'fallback', memoryMb: 128 });
    expect(f3.invokedMinutes).toHaveLength(0);
    expect(trace.missing).toEqual({ durations: 2, memory: 1 });
  });

  it('should join memory per function when the file has HashFunction, in any column order, and tolerate missing rows', async () => {
    write({
      'invocations.csv': INVOCATIONS,
      'memory.csv': ['HashFunction,HashOwner,HashApp,AverageAllocatedMb_pct50', 'f2,o1,a1,64', 'f1,o1,a1,32'],
    });
    const trace = await readAzureTrace(dir);
    expect(trace.functions.map((f) => f.memoryMb)).toEqual([32, 64, 48]);
    expect(trace.missing.memory).toBe(1);
  });

  it('should name file, line and column of a count that is not a non-negative integer', async () => {
    write({ 'invocations.csv': [...INVOCATIONS.slice(0, 2), 'o1,a1,f2,timer,1,x,0,0'], 'memory.csv': APP_MEMORY });
    const error = await failure();
    expect(error).toMatchObject({ file: 'invocations.csv', line: 3, column: 6 });
    expect(error.message).toBe('invocations.csv:3:6: minute 2: expected a non-negative integer count, found "x"');
  });

  it('should reject a negative count', async () => {
    write({ 'invocations.csv': [INVOCATIONS[0], 'o1,a1,f1,http,0,-1,0,0'], 'memory.csv': APP_MEMORY });
    expect(await failure()).toMatchObject({ line: 2, column: 6 });
  });

  it('should name the line and the first missing column of a short row', async () => {
    write({ 'invocations.csv': [INVOCATIONS[0], 'o1,a1,f1,http,0,1'], 'memory.csv': APP_MEMORY });
    const error = await failure();
    expect(error).toMatchObject({ file: 'invocations.csv', line: 2, column: 7 });
    expect(error.message).toMatch(/expected 8 fields as in the header, found 6/);
  });

  it('should name a required column missing from a header', async () => {
    write({ 'invocations.csv': INVOCATIONS, 'memory.csv': ['HashOwner,HashApp,AverageAllocatedMb', 'o1,a1,10'] });
    const error = await failure();
    expect(error.message).toBe('memory.csv:1: missing column "AverageAllocatedMb_pct50" in the header');
  });

  it('should reject minute columns that are not consecutive', async () => {
    write({
      'invocations.csv': ['HashOwner,HashApp,HashFunction,Trigger,1,2,4', 'o1,a1,f1,http,0,1,0'],
      'memory.csv': APP_MEMORY,
    });
    expect(await failure()).toMatchObject({ line: 1, column: 7 });
  });

  it('should reject a memory that is not a positive number, naming its column', async () => {
    write({ 'invocations.csv': INVOCATIONS, 'memory.csv': [APP_MEMORY[0], 'o1,a1,10,120,abc'] });
    expect((await failure()).message).toBe(
      'memory.csv:2:5: AverageAllocatedMb_pct50: expected a positive number, found "abc"',
    );
  });

  it('should reject a function listed twice', async () => {
    write({ 'invocations.csv': [...INVOCATIONS, INVOCATIONS[1]], 'memory.csv': APP_MEMORY });
    expect(await failure()).toMatchObject({ line: 5 });
  });

  it('should reject an empty invocations file', async () => {
    write({ 'invocations.csv': [], 'memory.csv': APP_MEMORY });
    expect((await failure()).message).toMatch(/invocations.csv:1: empty file/);
  });
});

describe(findTraceFiles.name, () => {
  it('should pick one day among the published file names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'azure-trace-'));
    try {
      for (const day of ['01', '02']) {
        writeFileSync(join(dir, `invocations_per_function_md.anon.d${day}.csv`), '');
        writeFileSync(join(dir, `function_durations_percentiles.anon.d${day}.csv`), '');
        writeFileSync(join(dir, `app_memory_percentiles.anon.d${day}.csv`), '');
      }
      expect(() => findTraceFiles(dir)).toThrow(/choose a day with --day/);
      expect(findTraceFiles(dir, '02')).toEqual({
        invocations: join(dir, 'invocations_per_function_md.anon.d02.csv'),
        durations: join(dir, 'function_durations_percentiles.anon.d02.csv'),
        memory: join(dir, 'app_memory_percentiles.anon.d02.csv'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should name a folder that does not exist', () => {
    expect(() => findTraceFiles('/nonexistent/trace')).toThrow('Trace folder /nonexistent/trace does not exist');
  });
});
