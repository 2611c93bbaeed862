import { parseSharingLibraryLists } from './shared-library-list.json';

/** a list whose strings hold what could confuse a scanner: a bracket, an escaped quote, a backslash */
const LIST = '[{"name":"a","version":"1"},{"name":"b]","version":"2\\"x\\\\"}]';
const record = (libraries = LIST, extra = '') => `{"endpointId":"GET /x"${extra},"libraries":${libraries}}`;
const batch = (...records: string[]) => `{"batchId":"b","events":[${records.join(',')}]}`;

const outcome = (parse: (text: string) => unknown, text: string) => {
  try {
    return { value: parse(text) };
  } catch (error) {
    return { error: String(error) };
  }
};

describe(parseSharingLibraryLists.name, () => {
  it.each([
    ['records sharing one list', batch(record(), record(), record())],
    ['records with two lists', batch(record(), record('[]'), record(), record('[]'))],
    ['the list also under an unknown key', `{"events":[${record()},${record()}],"agent":{"libraries":${LIST}}}`],
    ['a record holding the list twice', batch(`{"libraries":${LIST},"libraries":${LIST}}`, record())],
    ['the list behind an escaped quote', batch(record(LIST, ',"x":"\\"libraries'), record(), record())],
    ['a record whose libraries is not a list', batch(record(), record('0'), record())],
    ['events that are not an array', `{"events":{"a":${record()},"b":${record()}}}`],
    ['an array body', `[${record()},${record()}]`],
    ['a list that does not close', batch(record(), record(), '{"libraries":[{"name":"a"}')],
    ['a body cut short', batch(record(), record(), record()).slice(0, -2)],
    ['a list with a syntax error', batch(record('[1,2}'), record(), record())],
  ])('should give what JSON.parse gives for %s', (_, text) => {
    expect(outcome(parseSharingLibraryLists, text)).toEqual(outcome(JSON.parse, text));
  });

  it('should make the records that repeat the first list share one parsed array', () => {
    const parsed = parseSharingLibraryLists(batch(record(), record(), record('[]'))) as {
      events: { libraries: unknown }[];
    };

    expect(parsed.events[0]?.libraries).toBe(parsed.events[1]?.libraries);
    expect(parsed.events[2]?.libraries).toEqual([]);
  });
});
