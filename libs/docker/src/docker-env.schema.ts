import { z } from 'zod';

export const DockerEnvSchema = z.object({
  DOCKER_SOCKET: z.string().startsWith('/', 'must be an absolute path to the Docker engine socket').default('/var/run/docker.sock'),
  TAILOR_BASE_IMAGE: z.string().min(1).default('tailor/runtime:base'),
});
