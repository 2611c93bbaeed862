import { defineConfigGroup, envVariables, type ConfigOf } from '@tailor/config';
import { z } from 'zod';

export const DockerEnvSchema = z.object({
  DOCKER_SOCKET: z
    .string()
    .startsWith('/', 'must be an absolute path to the Docker engine socket')
    .default('/var/run/docker.sock')
    .register(envVariables, {
      group: 'docker',
      description: "unix socket of the Docker engine Tailor's containers and images live on",
    }),
  TAILOR_BASE_IMAGE: z.string().min(1).default('tailor/runtime:base').register(envVariables, {
    group: 'docker',
    description:
      'the generic runtime image: specialized images are built on it, and it serves a profile until its image is ready',
  }),
});
export type DockerEnv = z.infer<typeof DockerEnvSchema>;

export const dockerConfig = defineConfigGroup('docker', (env: DockerEnv) => ({
  socket: env.DOCKER_SOCKET,
  baseImage: env.TAILOR_BASE_IMAGE,
}));
export type DockerConfig = ConfigOf<typeof dockerConfig>;
