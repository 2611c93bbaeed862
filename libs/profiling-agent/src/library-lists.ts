import type { Library, ProfilingData, ProfilingRecordInput } from '@tailor/contracts';

/** ProfilingBatchSchema's MAX_LIBRARY_LISTS: the runtime bundle takes no values but the buckets from @tailor/contracts */
export const MAX_LIBRARY_LISTS = 1000;

/**
 * A batch's records in the wire form: each distinct library list once, and the records naming theirs by index
 * (`libraryList`). Records that share an array (a process's records do, see LoadedLibraries) cost one lookup; equal
 * lists in different arrays are found by content. Past MAX_LIBRARY_LISTS distinct lists, records keep theirs inline.
 */
export function shareLibraryLists(records: ProfilingData[]): {
  libraryLists: Library[][];
  events: ProfilingRecordInput[];
} {
  const libraryLists: Library[][] = [];
  const byArray = new Map<Library[], number>();
  const byContent = new Map<string, number>();
  const indexOf = (libraries: Library[]): number | undefined => {
    let index = byArray.get(libraries);
    if (index !== undefined) return index;
    const key = libraries.map((library) => `${library.name}@${library.version}`).join('\n');
    index = byContent.get(key);
    if (index === undefined) {
      if (libraryLists.length >= MAX_LIBRARY_LISTS) return undefined;
      index = libraryLists.push(libraries) - 1;
      byContent.set(key, index);
    }
    byArray.set(libraries, index);
    return index;
  };
  const events = records.map((record): ProfilingRecordInput => {
    const libraryList = indexOf(record.libraries);
    if (libraryList === undefined) return record;
    const { libraries: _inline, ...rest } = record;
    return { ...rest, libraryList };
  });
  return { libraryLists, events };
}
