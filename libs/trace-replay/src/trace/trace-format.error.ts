/** A malformed trace file, located by file, 1-based line and 1-based column (and the column's header when known). */
export class TraceFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}:${line}${column === undefined ? '' : `:${column}`}: ${reason}`);
    this.name = 'TraceFormatError';
  }
}
