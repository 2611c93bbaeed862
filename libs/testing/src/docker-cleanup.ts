import { TailorLabel } from '@tailor/docker';
import Docker from 'dockerode';

/** Force-removes the engine's containers (those `filters` select, else all); one that is already gone is no error. */
export async function removeContainers(docker: Docker, filters?: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(
    containers.map((container) =>
      docker
        .getContainer(container.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

/** Removes every container, then every image, that Tailor labelled with `namespace` on an engine. */
export async function removeNamespaceFromEngine(docker: Docker, namespace: string): Promise<void> {
  const filters = JSON.stringify({ label: [`${TailorLabel.Managed}=true`, `${TailorLabel.Namespace}=${namespace}`] });
  await removeContainers(docker, filters);
  for (const image of await docker.listImages({ filters })) {
    await docker
      .getImage(image.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
}
