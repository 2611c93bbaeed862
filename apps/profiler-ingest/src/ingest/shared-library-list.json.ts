import { randomBytes } from 'node:crypto';

const KEY = '"libraries":[';
/** stands in for the repeated list while the rest is parsed: random per process, so no body can hold it by chance */
const NONCE = `tailor-shared-list-${randomBytes(16).toString('hex')}`;
const PLACEHOLDER = `"libraries":"${NONCE}"`;

/** The index of the `]` that closes the array opening at `start`, or -1 (strings and nesting are skipped). */
function arrayEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (--depth === 0) return c === 0x5d ? i : -1;
    }
  }
  return -1;
}

/**
 * JSON.parse for profiling batches: the same value, the same errors, about 3x faster on batches of the first wire form,
 * whose records each repeat the process's list of loaded libraries (≈ 2/3 of a batch's text; agents now send each list
 * once, in `libraryLists`, and such a body is parsed by JSON.parse alone). The first record's list is parsed once, every
 * identical occurrence of `"libraries":[…]` in the text is replaced by a placeholder before the rest is parsed, and
 * the records get the one parsed list back (shared, as ProfilingBatchPipe shares equal lists anyway).
 *
 * Exact because each replaced occurrence is a whole `"libraries": <value>` member (its quotes are unescaped, so it is
 * outside any string; one preceded by a backslash makes it give up) and every placeholder must come back as the
 * `libraries` of a record; otherwise, or when anything fails, the text is parsed by JSON.parse alone.
 */
export function parseSharingLibraryLists(text: string): unknown {
  const start = text.indexOf(KEY);
  if (start === -1 || text.includes(NONCE)) return JSON.parse(text);
  const end = arrayEnd(text, start + KEY.length - 1);
  if (end === -1) return JSON.parse(text);
  const member = text.slice(start, end + 1);
  const parts = text.split(member);
  if (parts.length < 3 || parts.some((part, i) => i < parts.length - 1 && part.endsWith('\\'))) {
    return JSON.parse(text);
  }
  try {
    const value = JSON.parse(parts.join(PLACEHOLDER)) as { events?: unknown };
    const libraries: unknown = JSON.parse(member.slice(KEY.length - 1));
    let restored = 0;
    if (Array.isArray(value.events)) {
      for (const event of value.events as { libraries?: unknown }[]) {
        if (event !== null && typeof event === 'object' && event.libraries === NONCE) {
          event.libraries = libraries;
          restored++;
        }
      }
    }
    if (restored === parts.length - 1) return value;
  } catch {
    // the plain parse below throws JSON.parse's own error
  }
  return JSON.parse(text);
}
