import { TailorLabel } from '@tailor/docker';
import Docker from 'dockerode';

/** Removes every container, then every image, that Tailor labelled with `namespace` on an engine. */
export async function removeNamespaceFromEngine(docker: Docker, namespace: string): Promise<void> {
  const filters = JSON.stringify({ label: [`${TailorLabel.Managed}=true`, `${TailorLabel.Namespace}=${namespace}`] });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(
    containers.map((container) =>
      docker
        .getContainer(container.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  for (const image of await docker.listImages({ filters })) {
    await docker
      .getImage(image.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
}
