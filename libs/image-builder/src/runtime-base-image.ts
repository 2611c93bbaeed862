import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import type Docker from 'dockerode';

import { BuildFailure, BuildFailureReason } from './build-failure';
import { runDockerBuild } from './docker-build';

export const RUNTIME_SOURCE_DIR = resolve(__dirname, '../../../images/runtime');
const BUNDLE_AGENT_SCRIPT = resolve(__dirname, '../../../tools/scripts/bundle-runtime-agent.mjs');
export const nodeBaseImage = (nodeVersion = process.versions.node): string => `tailor/node-base:${nodeVersion}`;

/**
 * Builds the generic runtime image (the node base plus this checkout's images/runtime and its profiling agent, bundled
 * first) under `tag`, as tools/scripts/build-base-image.sh does, so that a test or benchmark runs the runtime server of its
 * own tree.
 */
export async function buildRuntimeBaseImage(
  docker: Docker,
  tag: string,
  labels: Record<string, string>,
): Promise<string> {
  await promisify(execFile)(process.execPath, [BUNDLE_AGENT_SCRIPT]);
  const sources = (await readdir(RUNTIME_SOURCE_DIR)).filter((entry) => entry.endsWith('.js'));
  const output = await runDockerBuild(
    docker,
    { context: RUNTIME_SOURCE_DIR, src: ['Dockerfile', 'agent', ...sources] },
    { t: tag, labels, buildargs: { BASE_IMAGE: nodeBaseImage() } },
  );
  const failed = output.find((message) => message.error);
  if (failed) throw new BuildFailure(BuildFailureReason.BuildError, `runtime base image ${tag}: ${failed.error}`);
  return tag;
}
