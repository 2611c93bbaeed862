import type Docker from 'dockerode';

import { BuildFailure, BuildFailureReason } from './build-failure';
import { BuildMessage, runDockerBuild } from './docker-build';

export interface BuiltImage {
  imageId: string;
  sizeBytes: number;
}

const ENGINE_UNREACHABLE = /ECONNREFUSED|ENOENT|EPIPE|ECONNRESET|socket hang up/;

/** Builds an image with the Docker engine (dockerode) from a build context folder. */
export class ImageBuilder {
  constructor(private readonly docker: Docker) {}

  async build(context: string, entries: string[], tag: string, labels: Record<string, string>): Promise<BuiltImage> {
    let messages: BuildMessage[];
    try {
      messages = await runDockerBuild(
        this.docker,
        { context, src: entries },
        // networkmode none: a RUN step (the startup snapshot) needs no network, and the engine has no bridge
        { t: tag, labels, rm: true, forcerm: true, networkmode: 'none' },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = ENGINE_UNREACHABLE.test(message) ? BuildFailureReason.Transient : BuildFailureReason.BuildError;
      throw new BuildFailure(reason, `docker build of ${tag}: ${message}`);
    }
    const failed = messages.find((message) => message.error || message.errorDetail);
    if (failed) {
      throw new BuildFailure(
        BuildFailureReason.BuildError,
        `docker build of ${tag}: ${failed.errorDetail?.message ?? failed.error}`,
      );
    }
    const image = await this.docker.getImage(tag).inspect();
    return { imageId: image.Id, sizeBytes: image.Size };
  }
}
