import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

import { median } from '@tailor/ml';

import type { AzureTrace, TraceFunction } from './azure-trace.types';
import { type CsvLine, csvLines } from './csv-lines';
import { TraceFormatError } from './trace-format.error';

const OWNER = 'HashOwner';
const APP = 'HashApp';
const FUNCTION = 'HashFunction';
const TRIGGER = 'Trigger';
const MEMORY_P50 = 'AverageAllocatedMb_pct50';
const DURATION_AVERAGE = 'Average';

export interface TraceFiles {
  invocations: string;
  durations?: string;
  memory: string;
}

/**
 * Finds the three files of one day in a trace folder: names containing `invocations`, `duration` and `memory`
 * (the published `invocations_per_function_md.anon.d01.csv`, `function_durations_percentiles.anon.d01.csv`,
 * `app_memory_percentiles.anon.d01.csv`, or a sample's `invocations.csv`, `durations.csv`, `memory.csv`).
 * With several days in the folder, `day` (e.g. `01`) chooses one.
 */
export function findTraceFiles(dir: string, day?: string): TraceFiles {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`Trace folder ${dir} does not exist`);
  const csv = readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.csv'))
    .filter((name) => day === undefined || new RegExp(`\\bd${day}\\b`).test(name))
    .sort();
  const pick = (part: string, required: boolean): string | undefined => {
    const matches = csv.filter((name) => name.toLowerCase().includes(part));
    if (matches.length > 1) {
      throw new Error(`Several ${part} files in ${dir} (${matches.join(', ')}): choose a day with --day`);
    }
    if (matches.length === 0 && required) throw new Error(`No ${part} file (*${part}*.csv) in ${dir}`);
    return matches.length === 0 ? undefined : join(dir, matches[0]);
  };
  return {
    invocations: pick('invocations', true) as string,
    durations: pick('duration', false),
    memory: pick('memory', true) as string,
  };
}

/** Streams the rows of an invocations file: one function per row, one column per minute. */
export async function* readInvocations(file: string): AsyncGenerator<{
  line: number;
  owner: string;
  app: string;
  function: string;
  trigger: string;
  firstMinute: number;
  minuteCount: number;
  invokedMinutes: Int32Array;
  invocations: Float64Array;
}> {
  const name = basename(file);
  let header: Header | undefined;
  let firstMinute = 0;
  let minuteColumns: number[] = [];
  for await (const row of csvLines(file)) {
    if (!header) {
      header = new Header(name, row, [OWNER, APP, FUNCTION, TRIGGER]);
      minuteColumns = header.minuteColumns();
      firstMinute = Number(row.fields[minuteColumns[0]]);
      continue;
    }
    header.checkWidth(row);
    const minutes: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < minuteColumns.length; i++) {
      const column = minuteColumns[i];
      const text = row.fields[column];
      const value = text === '' ? Number.NaN : Number(text);
      if (!Number.isInteger(value) || value < 0) {
        throw new TraceFormatError(
          name,
          row.line,
          column + 1,
          `minute ${header.names[column]}: expected a non-negative integer count, found "${text}"`,
        );
      }
      if (value > 0) {
        minutes.push(firstMinute + i);
        counts.push(value);
      }
    }
    yield {
      line: row.line,
      owner: header.text(row, OWNER),
      app: header.text(row, APP),
      function: header.text(row, FUNCTION),
      trigger: header.value(row, TRIGGER),
      firstMinute,
      minuteCount: minuteColumns.length,
      invokedMinutes: Int32Array.from(minutes),
      invocations: Float64Array.from(counts),
    };
  }
  if (!header) throw new TraceFormatError(name, 1, undefined, 'empty file: expected a header line');
}

/**
 * Reads the median allocated memory (`AverageAllocatedMb_pct50`) per function when the file has a `HashFunction`
 * column, and per application in any case (the published files are per application).
 */
export async function readMemory(
  file: string,
): Promise<{ byFunction: Map<string, number>; byApp: Map<string, number> }> {
  const name = basename(file);
  const byFunction = new Map<string, number>();
  const byApp = new Map<string, number>();
  let header: Header | undefined;
  for await (const row of csvLines(file)) {
    if (!header) {
      header = new Header(name, row, [OWNER, APP, MEMORY_P50]);
      continue;
    }
    header.checkWidth(row);
    const mb = header.positiveNumber(row, MEMORY_P50);
    const appKey = `${header.text(row, OWNER)}/${header.text(row, APP)}`;
    if (header.has(FUNCTION)) byFunction.set(`${appKey}/${header.text(row, FUNCTION)}`, mb);
    byApp.set(appKey, Math.max(byApp.get(appKey) ?? 0, mb));
  }
  if (!header) throw new TraceFormatError(name, 1, undefined, 'empty file: expected a header line');
  return { byFunction, byApp };
}

/** Reads the average duration (ms) per function. */
export async function readDurations(file: string): Promise<Map<string, number>> {
  const name = basename(file);
  const durations = new Map<string, number>();
  let header: Header | undefined;
  for await (const row of csvLines(file)) {
    if (!header) {
      header = new Header(name, row, [OWNER, APP, FUNCTION, DURATION_AVERAGE]);
      continue;
    }
    header.checkWidth(row);
    const key = `${header.text(row, OWNER)}/${header.text(row, APP)}/${header.text(row, FUNCTION)}`;
    durations.set(key, header.nonNegativeNumber(row, DURATION_AVERAGE));
  }
  if (!header) throw new TraceFormatError(name, 1, undefined, 'empty file: expected a header line');
  return durations;
}

/**
 * Reads one day of the trace: memory and durations into maps, then the invocations file streamed row by row, joined
 * on HashOwner/HashApp/HashFunction. Rows missing from the memory file take the application's memory, else the median
 * of all known memories; rows missing from the durations file have no duration. Both are counted in `missing`.
 */
export async function readAzureTrace(dir: string, options: { day?: string } = {}): Promise<AzureTrace> {
  const files = findTraceFiles(dir, options.day);
  const memory = await readMemory(files.memory);
  const durations = files.durations ? await readDurations(files.durations) : new Map<string, number>();
  const known = [...(memory.byFunction.size > 0 ? memory.byFunction : memory.byApp).values()];
  const fallbackMemory = known.length === 0 ? 128 : median(known);
  const functions: TraceFunction[] = [];
  const seen = new Set<string>();
  const missing = { durations: 0, memory: 0 };
  let firstMinute = 0;
  let minuteCount = 0;
  for await (const row of readInvocations(files.invocations)) {
    firstMinute = row.firstMinute;
    minuteCount = row.minuteCount;
    const appKey = `${row.owner}/${row.app}`;
    const key = `${appKey}/${row.function}`;
    if (seen.has(key)) {
      throw new TraceFormatError(basename(files.invocations), row.line, 3, `duplicate function ${key}`);
    }
    seen.add(key);
    const own = memory.byFunction.get(key);
    const ofApp = memory.byApp.get(appKey);
    const memorySource = own !== undefined ? 'function' : ofApp !== undefined ? 'app' : 'fallback';
    if (own === undefined && (memory.byFunction.size > 0 || ofApp === undefined)) missing.memory += 1;
    const durationMs = durations.get(key);
    if (durationMs === undefined) missing.durations += 1;
    functions.push({
      owner: row.owner,
      app: row.app,
      function: row.function,
      key,
      appKey,
      trigger: row.trigger,
      memoryMb: own ?? ofApp ?? fallbackMemory,
      memorySource,
      durationMs,
      invokedMinutes: row.invokedMinutes,
      invocations: row.invocations,
    });
  }
  return { firstMinute, minuteCount, functions, files, missing };
}

/** A header line: column positions by name, and checked accessors that name file, line and column on error. */
class Header {
  readonly names: string[];
  private readonly index = new Map<string, number>();

  constructor(
    private readonly file: string,
    row: CsvLine,
    required: string[],
  ) {
    this.names = row.fields;
    row.fields.forEach((field, i) => {
      if (!this.index.has(field)) this.index.set(field, i);
    });
    for (const column of required) {
      if (!this.index.has(column)) {
        throw new TraceFormatError(file, row.line, undefined, `missing column "${column}" in the header`);
      }
    }
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  /** Minute columns: every column whose header is an integer; they must be consecutive (1,2,3… or 480,481…). */
  minuteColumns(): number[] {
    const columns: number[] = [];
    this.names.forEach((name, i) => {
      if (/^\d+$/.test(name)) columns.push(i);
    });
    if (columns.length === 0) throw new TraceFormatError(this.file, 1, undefined, 'no minute columns in the header');
    for (let i = 1; i < columns.length; i++) {
      if (Number(this.names[columns[i]]) !== Number(this.names[columns[i - 1]]) + 1) {
        throw new TraceFormatError(
          this.file,
          1,
          columns[i] + 1,
          `minute columns must be consecutive: "${this.names[columns[i]]}" follows "${this.names[columns[i - 1]]}"`,
        );
      }
    }
    return columns;
  }

  checkWidth(row: CsvLine): void {
    if (row.fields.length !== this.names.length) {
      const column = Math.min(row.fields.length, this.names.length) + 1;
      throw new TraceFormatError(
        this.file,
        row.line,
        column,
        `expected ${this.names.length} fields as in the header, found ${row.fields.length}`,
      );
    }
  }

  value(row: CsvLine, column: string): string {
    return row.fields[this.index.get(column) as number];
  }

  text(row: CsvLine, column: string): string {
    const value = this.value(row, column);
    if (value === '') this.fail(row, column, 'empty value');
    return value;
  }

  positiveNumber(row: CsvLine, column: string): number {
    const text = this.value(row, column);
    const value = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value) || value <= 0) this.fail(row, column, `expected a positive number, found "${text}"`);
    return value;
  }

  nonNegativeNumber(row: CsvLine, column: string): number {
    const text = this.value(row, column);
    const value = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value) || value < 0) this.fail(row, column, `expected a non-negative number, found "${text}"`);
    return value;
  }

  private fail(row: CsvLine, column: string, reason: string): never {
    throw new TraceFormatError(this.file, row.line, (this.index.get(column) as number) + 1, `${column}: ${reason}`);
  }
}
