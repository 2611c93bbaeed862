import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

import type { AzureTrace, TraceFunction } from './azure-trace.types';
import { csvLines } from './csv-lines';
import { TraceFormatError } from './trace-format.error';

/** Header of the Azure Functions Invocation Trace 2021 (one row per invocation; times in seconds from the trace start). */
export const AZURE_2021_COLUMNS = ['app', 'func', 'end_timestamp', 'duration'] as const;

/**
 * Memory of every function of a 2021 trace, which has no memory column: one nominal size for all, so waste reads as
 * idle instance-minutes × this (ratios such as waste / fixed-10 do not depend on it; for Tailor's policy it only
 * rescales the cost-ratio axis).
 */
export const AZURE_2021_NOMINAL_MEMORY_MB = 128;

/** True when the file's first line is the 2021 trace's header. */
export function isAzure2021File(file: string): boolean {
  const head = Buffer.alloc(256);
  const fd = openSync(file, 'r');
  try {
    const firstLine = head
      .subarray(0, readSync(fd, head, 0, head.length, 0))
      .toString('utf8')
      .split(/\r?\n/)[0];
    return (
      firstLine
        .replace(/"/g, '')
        .split(',')
        .map((field) => field.trim())
        .join(',') === AZURE_2021_COLUMNS.join(',')
    );
  } finally {
    closeSync(fd);
  }
}

/** The 2021 trace file of a folder (or the file itself): the one CSV or TXT file whose header is the 2021 schema. */
export function findAzure2021File(path: string): string | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat?.isFile()) return isAzure2021File(path) ? path : undefined;
  if (!stat?.isDirectory()) return undefined;
  const candidates = readdirSync(path)
    .filter((name) => /\.(csv|txt)$/i.test(name))
    .sort()
    .map((name) => join(path, name));
  const matches = candidates.filter(isAzure2021File);
  if (matches.length > 1)
    throw new Error(
      `Several 2021 trace files in ${path} (${matches.map((f) => basename(f)).join(', ')}): pass one with --trace`,
    );
  return matches[0];
}

/**
 * Reads an Azure Functions 2021 invocation trace (`app,func,end_timestamp,duration`, seconds) into the replay's
 * per-minute form: an invocation counts in the minute it started (end − duration); minute 0 is the trace's first
 * second. The 2021 schema has no owner, trigger or memory: owner is empty, trigger `other`, memory nominal
 * (AZURE_2021_NOMINAL_MEMORY_MB, counted in `missing.memory`); the duration is the mean of the function's rows.
 */
export async function readAzure2021Trace(file: string): Promise<AzureTrace> {
  const name = basename(file);
  const byKey = new Map<
    string,
    { app: string; func: string; minutes: Map<number, number>; durationSum: number; count: number }
  >();
  let header = true;
  for await (const row of csvLines(file)) {
    if (header) {
      if (row.fields.join(',') !== AZURE_2021_COLUMNS.join(',')) {
        throw new TraceFormatError(name, row.line, undefined, `expected the header "${AZURE_2021_COLUMNS.join(',')}"`);
      }
      header = false;
      continue;
    }
    if (row.fields.length !== AZURE_2021_COLUMNS.length) {
      throw new TraceFormatError(
        name,
        row.line,
        undefined,
        `expected ${AZURE_2021_COLUMNS.length} fields, found ${row.fields.length}`,
      );
    }
    const [app, func, endText, durationText] = row.fields;
    if (app === '' || func === '') throw new TraceFormatError(name, row.line, app === '' ? 1 : 2, 'empty app or func');
    const end = Number(endText);
    const duration = Number(durationText);
    if (!Number.isFinite(end) || end < 0)
      throw new TraceFormatError(
        name,
        row.line,
        3,
        `end_timestamp: expected a non-negative number, found "${endText}"`,
      );
    if (!Number.isFinite(duration) || duration < 0 || duration > end + 1e-6) {
      throw new TraceFormatError(
        name,
        row.line,
        4,
        `duration: expected a number between 0 and end_timestamp, found "${durationText}"`,
      );
    }
    const key = `/${app}/${func}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { app, func, minutes: new Map(), durationSum: 0, count: 0 };
      byKey.set(key, entry);
    }
    const minute = Math.floor(Math.max(0, end - duration) / 60);
    entry.minutes.set(minute, (entry.minutes.get(minute) ?? 0) + 1);
    entry.durationSum += duration * 1000;
    entry.count += 1;
  }
  if (header) throw new TraceFormatError(name, 1, undefined, 'empty file');
  let lastMinute = 0;
  const functions: TraceFunction[] = [];
  for (const [key, entry] of byKey) {
    const minutes = [...entry.minutes.keys()].sort((a, b) => a - b);
    lastMinute = Math.max(lastMinute, minutes[minutes.length - 1]);
    functions.push({
      owner: '',
      app: entry.app,
      function: entry.func,
      key,
      appKey: `/${entry.app}`,
      trigger: 'other',
      memoryMb: AZURE_2021_NOMINAL_MEMORY_MB,
      memorySource: 'fallback',
      durationMs: entry.durationSum / entry.count,
      invokedMinutes: Int32Array.from(minutes),
      invocations: Float64Array.from(minutes.map((m) => entry.minutes.get(m) as number)),
    });
  }
  return {
    firstMinute: 0,
    minuteCount: lastMinute + 1,
    functions,
    files: { invocations: file },
    missing: { durations: 0, memory: functions.length },
  };
}
