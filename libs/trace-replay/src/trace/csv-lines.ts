import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface CsvLine {
  /** 1-based line number in the file. */
  line: number;
  fields: string[];
}

/** Streams a CSV file of the trace's simple form (no quoted commas) one line at a time; skips blank lines. */
export async function* csvLines(file: string): AsyncGenerator<CsvLine> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    yield { line, fields: text.split(',').map(unquote) };
  }
}

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}
