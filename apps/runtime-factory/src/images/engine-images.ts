import { Injectable } from '@nestjs/common';
import { RUNTIME_IMAGE_KIND, RuntimeImageLabel } from '@tailor/image-builder';
import Docker from 'dockerode';

export interface EngineImage {
  imageId: string;
  imageRef: string | null;
  sizeBytes: number;
  labels: Record<string, string>;
}

export interface ContainersInUse {
  imageIds: Set<string>;
  profileHashes: Set<string>;
}

const isNotFound = (error: unknown): boolean => (error as { statusCode?: number }).statusCode === 404;

/** What the Docker engine holds: the specialized images of a namespace and the containers that use images. */
@Injectable()
export class EngineImages {
  constructor(private readonly docker: Docker) {}

  async inspect(imageRef: string): Promise<EngineImage | null> {
    try {
      const image = await this.docker.getImage(imageRef).inspect();
      return { imageId: image.Id, imageRef, sizeBytes: image.Size, labels: image.Config?.Labels ?? {} };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Specialized runtime images of `namespace`, by their labels. */
  async listRuntimeImages(namespace: string): Promise<EngineImage[]> {
    const images = await this.docker.listImages({
      filters: JSON.stringify({
        label: [
          `${RuntimeImageLabel.Managed}=true`,
          `${RuntimeImageLabel.Namespace}=${namespace}`,
          `${RuntimeImageLabel.Kind}=${RUNTIME_IMAGE_KIND}`,
        ],
      }),
    });
    return images.map((image) => ({
      imageId: image.Id,
      imageRef: image.RepoTags?.find((tag) => tag !== '<none>:<none>') ?? null,
      sizeBytes: image.Size,
      labels: image.Labels ?? {},
    }));
  }

  /** Images in use: the image of every running container, and the profile hash each Tailor container is labelled with. */
  async inUse(): Promise<ContainersInUse> {
    const containers = await this.docker.listContainers({
      filters: JSON.stringify({ status: ['running', 'restarting', 'paused', 'created'] }),
    });
    const imageIds = new Set(containers.map((container) => container.ImageID));
    const profileHashes = new Set(
      containers
        .map((container) => container.Labels?.[RuntimeImageLabel.ProfileHash])
        .filter((hash): hash is string => !!hash),
    );
    return { imageIds, profileHashes };
  }

  /** Removes an image; false when a container still holds it (the engine refuses) or it is gone already. */
  async remove(imageRef: string): Promise<boolean> {
    try {
      await this.docker.getImage(imageRef).remove({ noprune: false });
      return true;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404) return true;
      if (status === 409) return false;
      throw error;
    }
  }
}
