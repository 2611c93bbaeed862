import type { Library, ProfilingData, ProfilingRecordInput } from '@tailor/contracts';

/**
 * A batch's records in the wire form: each distinct library list once, and the records naming theirs by index
 * (`libraryList`). Records that share an array (a process's records do, see LoadedLibraries) cost one lookup; equal
 * lists in different arrays are found by content. A batch has no more lists than records, which the contract allows.
 */
export function shareLibraryLists(records: ProfilingData[]): {
  libraryLists: Library[][];
  events: ProfilingRecordInput[];
} {
  const libraryLists: Library[][] = [];
  const byArray = new Map<Library[], number>();
  const byContent = new Map<string, number>();
  const indexOf = (libraries: Library[]): number => {
    let index = byArray.get(libraries);
    if (index !== undefined) return index;
    const key = libraries.map((library) => `${library.name}@${library.version}`).join('\n');
    index = byContent.get(key);
    if (index === undefined) {
      index = libraryLists.push(libraries) - 1;
      byContent.set(key, index);
    }
    byArray.set(libraries, index);
    return index;
  };
  const events = records.map(({ libraries, ...record }): ProfilingRecordInput => ({
    ...record,
    libraryList: indexOf(libraries),
  }));
  return { libraryLists, events };
}
