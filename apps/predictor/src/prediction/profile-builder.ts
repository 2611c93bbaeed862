import type { ProfileConfidence, RuntimeProfile } from '@tailor/contracts';
import {
  type EndpointHistory,
  installCut,
  LIBRARY_FEATURE_COUNT,
  libraryCandidates,
  libraryScorer,
  peerLatestWindows,
  predictResources,
  preloadCut,
} from '@tailor/runtime-model';

import type { ServingModel } from '../models/serving-model';

export interface BuiltProfile {
  profile: RuntimeProfile;
  confidence: ProfileConfidence;
  libraryProbabilities: Record<string, number>;
}

const round = (p: number) => Math.round(p * 1e4) / 1e4;

/**
 * The endpoint's profile from its history and the served model: libraries installed and preloaded where their
 * probability (the learned head's, or the scores of the baseline the version serves instead) passes the cost cuts,
 * memory and CPU by the model's quantile rule, and each field's confidence.
 */
export async function buildProfile(
  serving: ServingModel,
  history: EndpointHistory,
  peers: readonly EndpointHistory[],
  languageVersion: string,
): Promise<BuiltProfile> {
  const { bundle } = serving.model;
  const peerVersions = new Map<string, string>();
  for (const peer of peers) for (const [name, version] of peer.libraryVersions) peerVersions.set(name, version);
  const candidates = libraryCandidates(history, history.windows.length, peerLatestWindows(peers, history, Number.POSITIVE_INFINITY), peerVersions);
  const policy = bundle.libraryPolicy ?? 'model';
  let probabilities: ArrayLike<number>;
  if (policy === 'model') {
    const rows = new Float32Array(candidates.length * LIBRARY_FEATURE_COUNT);
    candidates.forEach((c, i) => rows.set(c.features, i * LIBRARY_FEATURE_COUNT));
    probabilities = await serving.model.run('library', rows, candidates.length);
  } else {
    // the version serves the baseline that beat its learned head on the held-out windows
    const score = libraryScorer(policy, bundle.library);
    probabilities = candidates.map((c) => score(c.features));
  }

  const install = installCut(bundle.costs);
  const preload = preloadCut(bundle.costs);
  const libraries: RuntimeProfile['libraries'] = [];
  const preloaded: string[] = [];
  const libraryProbabilities: Record<string, number> = {};
  let coverage = 1;
  let decisiveness = 0;
  candidates.forEach((candidate, i) => {
    const p = probabilities[i];
    libraryProbabilities[candidate.name] = round(p);
    decisiveness += Math.max(p, 1 - p);
    if (p > install) libraries.push({ name: candidate.name, version: candidate.version });
    else coverage *= 1 - p;
    if (p > preload) preloaded.push(candidate.name);
  });
  libraries.sort((a, b) => a.name.localeCompare(b.name));
  preloaded.sort();

  const resources = predictResources(history, bundle.resources);
  const n = history.windows.length;
  const shrink = n / (n + 1);
  const metrics = serving.metrics?.resources.model;
  return {
    profile: {
      applicationId: history.applicationId,
      endpointId: history.endpointId,
      language: 'node',
      languageVersion,
      libraries,
      preload: preloaded,
      preloadedData: [],
      memoryMb: resources.memoryMb,
      cpuMillis: resources.cpuMillis,
      // when to keep instances warm is the batched forecast's (MessagePattern.ForecastWarmPools), not the profile's
      warmPool: { windows: [] },
    },
    confidence: {
      // P(no library left out of the image is needed), from the model's probabilities
      libraries: round(coverage),
      // how decisive the preload decisions are: mean of max(p, 1 − p)
      preload: round(candidates.length === 0 ? 1 : decisiveness / candidates.length),
      memoryMb: round(resources.observedMemory ? (metrics?.memoryCoverage ?? 0.5) * shrink : 0),
      cpuMillis: round(resources.observedCpu ? (metrics?.cpuCoverage ?? 0.5) * shrink : 0),
      warmPool: 0,
    },
    libraryProbabilities,
  };
}
