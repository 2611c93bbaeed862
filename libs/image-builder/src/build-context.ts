import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

import type { RuntimeProfile } from '@tailor/contracts';

import { BuildFailure, BuildFailureReason } from './build-failure';

/** What the runtime server reads at start (images/runtime/server.js): what to load before it says it is ready. */
export interface PreloadManifest {
  profileHash: string;
  libraries: string[];
  preload: string[];
  preloadedData: string[];
}

/** Label of the base runtime image listing what images built on it may use (images/runtime/Dockerfile). */
export const RUNTIME_FEATURES_LABEL = 'dev.tailor.runtime-features';
export const SNAPSHOT_FEATURE = 'snapshot';

export const baseSupportsSnapshot = (labels: Record<string, string>): boolean =>
  (labels[RUNTIME_FEATURES_LABEL] ?? '').split(',').includes(SNAPSHOT_FEATURE);

/**
 * The Dockerfile of a specialized image, layered so that what changes least sits lowest: the base runtime (node and Tailor's
 * server), then the installed dependencies (shared by every profile with the same lockfile), then the preload manifest and
 * the preloaded data. With `snapshot` (a base runtime that has images/runtime/build-snapshot.js), last a startup snapshot
 * of the preloaded libraries, built by the image's own node, which the runtime then starts from. Exec-form only: the base
 * has no shell.
 */
export function runtimeDockerfile(baseImage: string, options: { snapshot: boolean } = { snapshot: false }): string {
  const lines = [
    `FROM ${baseImage}`,
    'COPY app/ /opt/tailor/app/',
    'COPY preload.json /opt/tailor/preload.json',
    'COPY data/ /opt/tailor/data/',
  ];
  if (options.snapshot) {
    lines.push(
      'USER 0:0',
      'RUN ["/usr/local/bin/node", "/opt/tailor/build-snapshot.js"]',
      'USER 65534:65534',
      'CMD ["/usr/local/bin/node", "--snapshot-blob", "/opt/tailor/preload.blob", "/opt/tailor/server.js"]',
    );
  }
  return [...lines, ''].join('\n');
}

export function preloadManifest(profile: RuntimeProfile, profileHash: string, libraries: string[]): PreloadManifest {
  const installed = new Set(profile.libraries.map(({ name }) => name));
  return {
    profileHash,
    libraries,
    preload: [...new Set(profile.preload)].filter((name) => installed.has(name)).sort(),
    preloadedData: [...new Set(profile.preloadedData)].sort(),
  };
}

/**
 * Lays out a build context in `dir`, whose npm install already sits in `dir/app`: Dockerfile, manifest and data files
 * copied from `<dataRoot>/<applicationId>/`.
 */
export async function writeBuildContext(
  dir: string,
  options: {
    baseImage: string;
    snapshot?: boolean;
    manifest: PreloadManifest;
    dataRoot: string;
    applicationId: string;
  },
): Promise<string[]> {
  await writeFile(
    join(dir, 'Dockerfile'),
    runtimeDockerfile(options.baseImage, { snapshot: options.snapshot ?? false }),
  );
  await writeFile(join(dir, 'preload.json'), JSON.stringify(options.manifest, null, 2));
  await mkdir(join(dir, 'data'), { recursive: true });
  const sourceRoot = resolve(options.dataRoot, options.applicationId);
  for (const file of options.manifest.preloadedData) {
    const source = resolve(sourceRoot, file);
    const target = resolve(dir, 'data', file);
    if (!source.startsWith(sourceRoot + '/') || !target.startsWith(resolve(dir, 'data') + '/')) {
      throw new BuildFailure(BuildFailureReason.DataNotFound, `data path ${file} leaves the application's data folder`);
    }
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target).catch(() => {
      throw new BuildFailure(BuildFailureReason.DataNotFound, `data file ${file} not found in ${sourceRoot}`);
    });
  }
  return ['Dockerfile', 'app', 'preload.json', 'data'];
}
