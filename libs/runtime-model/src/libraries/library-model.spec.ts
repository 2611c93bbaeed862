import { LIBRARY_FEATURE_COUNT, LIBRARY_FEATURE_NAMES, type LibraryExampleSet } from './library-features';
import { libraryScorer, trainLibraryModel } from './library-model';

const features = (values: Partial<Record<(typeof LIBRARY_FEATURE_NAMES)[number], number>>) =>
  Float64Array.from(LIBRARY_FEATURE_NAMES, (name) => values[name] ?? 0);

/** Candidates labelled loaded exactly when they were loaded in the last window. */
function examples(count: number): LibraryExampleSet {
  const all = Array.from({ length: count }, (_, i) =>
    features({ loadedLastWindow: i % 2, everLoadedShare: (i % 5) / 4 }),
  );
  const rows = new Float32Array(count * LIBRARY_FEATURE_COUNT);
  all.forEach((f, i) => rows.set(f, i * LIBRARY_FEATURE_COUNT));
  return {
    rows,
    features: all,
    labels: Uint8Array.from(all, (f) => f[2]),
    decision: new Int32Array(count),
    decisions: [],
  };
}

describe(libraryScorer.name, () => {
  const weights = trainLibraryModel(examples(200));
  const candidate = features({ everLoadedShare: 0.25, loadedLastWindow: 1 });

  it('should score by the learned head under the model policy', () => {
    expect(libraryScorer('model', weights)(candidate)).toBeGreaterThan(0.9);
    expect(libraryScorer('model', weights)(features({ everLoadedShare: 0.25 }))).toBeLessThan(0.1);
  });

  it('should score by the baselines under theirs', () => {
    expect(libraryScorer('frequency', weights)(candidate)).toBe(0.25);
    expect(libraryScorer('recency', weights)(candidate)).toBe(1);
    expect(libraryScorer('preload-all', weights)(features({}))).toBe(1);
  });
});

describe(trainLibraryModel.name, () => {
  it('should refuse to train on no examples', () => {
    expect(() => trainLibraryModel(examples(0))).toThrow('no library examples to train on');
  });
});
