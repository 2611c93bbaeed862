import {
  DEFAULT_LIBRARY_COSTS,
  type EndpointHistory,
  LIBRARY_FEATURE_COUNT,
  LIBRARY_FEATURE_NAMES,
  type LibraryCosts,
  type LibraryPolicy,
  type RuntimeModelBundle,
} from '@tailor/runtime-model';

import type { ServingModel } from '../models/serving-model';
import { buildProfile } from './profile-builder';

const MIB = 1024 * 1024;
const EVER_LOADED_SHARE = LIBRARY_FEATURE_NAMES.indexOf('everLoadedShare');

function endpoint(
  endpointId: string,
  windows: Partial<EndpointHistory['windows'][number]>[],
  versions: Record<string, string>,
): EndpointHistory {
  return {
    key: `app\n${endpointId}`,
    applicationId: 'app',
    endpointId,
    windows: windows.map((w, window) => ({
      window,
      invocations: 10,
      libraryCounts: new Map(),
      peakRssBytes: 0,
      cpuCores: 0,
      executionTimeSum: 1000,
      ...w,
    })),
    libraryVersions: new Map(Object.entries(versions)),
  };
}

/** express loaded in both windows, lodash in one of two, zod only by a peer endpoint */
const history = endpoint(
  'orders',
  [
    {
      libraryCounts: new Map([
        ['express', 10],
        ['lodash', 2],
      ]),
      peakRssBytes: 100 * MIB,
      cpuCores: 0.5,
    },
    { libraryCounts: new Map([['express', 10]]), peakRssBytes: 120 * MIB, cpuCores: 0.2 },
  ],
  { express: '4.19.2', lodash: '4.17.21' },
);
const peer = endpoint('billing', [{ libraryCounts: new Map([['zod', 5]]) }], { zod: '3.23.8' });

/** The learned head's answer by the share of windows that loaded the library: every, half of them, never. */
const headProbability = (everLoadedShare: number) =>
  everLoadedShare === 1 ? 0.9 : everLoadedShare === 0.5 ? 0.3 : 0.005;

function servingModel(options: { policy?: LibraryPolicy; costs?: LibraryCosts } = {}) {
  const bundle = {
    library: {
      kind: 'logistic-regression',
      featureNames: [...LIBRARY_FEATURE_NAMES],
      means: [],
      scales: [],
      coefficients: [],
      intercept: 0,
    },
    libraryPolicy: options.policy,
    resources: { quantile: 0.99, memoryFactor: 1.2, cpuFactor: 1.1 },
    costs: options.costs ?? DEFAULT_LIBRARY_COSTS,
    windowMinutes: 60,
  } satisfies RuntimeModelBundle;
  const run = jest.fn(async (_head: string, rows: Float32Array, count: number) =>
    Float32Array.from({ length: count }, (_, i) =>
      headProbability(rows[i * LIBRARY_FEATURE_COUNT + EVER_LOADED_SHARE]),
    ),
  );
  return { serving: { model: { bundle, run }, metrics: undefined } as unknown as ServingModel, run };
}

describe(buildProfile.name, () => {
  describe('libraries', () => {
    it('should install a candidate above the install cut and preload one above the preload cut', async () => {
      const { serving, run } = servingModel();
      const { profile, libraryProbabilities } = await buildProfile(serving, history, [history, peer], '20');
      expect(run).toHaveBeenCalledWith('library', expect.any(Float32Array), 3);
      expect(libraryProbabilities).toEqual({ express: 0.9, lodash: 0.3, zod: 0.005 });
      // the default costs cut installs at p > 10 / 1510 and preloads at p > 20 / 60
      expect(profile.libraries).toEqual([
        { name: 'express', version: '4.19.2' },
        { name: 'lodash', version: '4.17.21' },
      ]);
      expect(profile.preload).toEqual(['express']);
    });

    it('should take a peer endpoint’s version for a library the endpoint has not loaded yet', async () => {
      const { serving } = servingModel();
      const costs = { ...DEFAULT_LIBRARY_COSTS, unusedInstallMs: 1, missingInstallMs: 1000 };
      const { profile } = await buildProfile(serving, history, [history, peer], '20');
      expect(profile.libraries).not.toContainEqual(expect.objectContaining({ name: 'zod' }));
      const cheaper = await buildProfile(servingModel({ costs }).serving, history, [history, peer], '20');
      expect(cheaper.profile.libraries).toContainEqual({ name: 'zod', version: '3.23.8' });
    });

    it('should move the cuts with the model version’s costs', async () => {
      const costs = { ...DEFAULT_LIBRARY_COSTS, lateLoadMs: 10, unusedPreloadMs: 90 };
      const { profile } = await buildProfile(servingModel({ costs }).serving, history, [history, peer], '20');
      expect(profile.preload).toEqual([]);
    });

    it('should take the decisions of the baseline the version serves, without running the learned head', async () => {
      const { serving, run } = servingModel({ policy: 'frequency' });
      const { profile, libraryProbabilities } = await buildProfile(serving, history, [history, peer], '20');
      expect(run).not.toHaveBeenCalled();
      expect(libraryProbabilities).toEqual({ express: 1, lodash: 0.5, zod: 0 });
      expect(profile.libraries.map((l) => l.name)).toEqual(['express', 'lodash']);
      expect(profile.preload).toEqual(['express', 'lodash']);
    });
  });

  describe('confidence', () => {
    it('should give the chance that no library left out is needed, and how decisive the preload decisions are', async () => {
      const { confidence } = await buildProfile(servingModel().serving, history, [history, peer], '20');
      expect(confidence.libraries).toBeCloseTo(1 - 0.005, 4);
      expect(confidence.preload).toBeCloseTo((0.9 + 0.7 + 0.995) / 3, 4);
      expect(confidence.warmPool).toBe(0);
    });

    it('should be certain about an endpoint without candidates', async () => {
      const quiet = endpoint('quiet', [{}], {});
      const { profile, confidence } = await buildProfile(servingModel().serving, quiet, [quiet], '20');
      expect(profile.libraries).toEqual([]);
      expect(confidence).toMatchObject({ libraries: 1, preload: 1 });
    });
  });

  describe('resources', () => {
    it('should size memory and CPU by the model’s rule over the largest need observed', async () => {
      const { profile, confidence } = await buildProfile(servingModel().serving, history, [history, peer], '20');
      // 120 MB × 1.2 rounded up to 64 MB steps; 500 millicores × 1.1 rounded up to 50
      expect(profile).toMatchObject({
        memoryMb: 192,
        cpuMillis: 550,
        languageVersion: '20',
        warmPool: { windows: [] },
      });
      // without held-out coverage figures: one half, shrunk by n / (n + 1) for two windows
      expect(confidence.memoryMb).toBeCloseTo(0.5 * (2 / 3), 4);
    });

    it('should give no confidence in a size it had no figures for', async () => {
      const unmeasured = endpoint('unmeasured', [{}, {}], {});
      const { confidence } = await buildProfile(servingModel().serving, unmeasured, [unmeasured], '20');
      expect(confidence).toMatchObject({ memoryMb: 0, cpuMillis: 0 });
    });
  });
});
