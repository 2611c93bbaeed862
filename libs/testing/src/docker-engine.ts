import { ChildProcess, execFile, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import Docker from 'dockerode';

import { removeContainers } from './docker-cleanup';
import { uniqueNamespace } from './namespace';
import { waitFor } from './wait-for';

const ENGINES_ROOT = '/tmp/tailor-engines';

/** A Docker engine of the test's own: a second dockerd on this machine, with its own socket and state. */
export interface DockerEngineProcess {
  socketPath: string;
  docker: Docker;
  /** Copies images from another engine into this one, as `docker save | docker -H unix://<socket> load` does. */
  loadImages(from: Docker, imageRefs: readonly string[]): Promise<void>;
  /** Removes its containers, stops dockerd, unmounts what it left and deletes its state. */
  stop(): Promise<void>;
}

/**
 * Starts a second dockerd (root only) with its own socket, data-root, exec-root (and so its own containerd), pidfile and
 * an empty config file; like the machine's engine, it uses no bridge and no iptables: runtimes use the host network.
 */
export async function startDockerEngine(
  name = uniqueNamespace('engine'),
  timeoutMs = 60_000,
): Promise<DockerEngineProcess> {
  const root = join(ENGINES_ROOT, name);
  await mkdir(root, { recursive: true });
  const socketPath = join(root, 'docker.sock');
  const configFile = join(root, 'daemon.json');
  await writeFile(configFile, '{}\n');
  const log = openSync(join(root, 'dockerd.log'), 'a');
  // dockerd's -H and its exec-root's sockets must stay under the 108 bytes of a unix socket path
  const dockerd = spawn(
    'dockerd',
    [
      `--host=unix://${socketPath}`,
      `--data-root=${join(root, 'data')}`,
      `--exec-root=${join(root, 'exec')}`,
      `--pidfile=${join(root, 'docker.pid')}`,
      `--config-file=${configFile}`,
      '--bridge=none',
      '--iptables=false',
      '--ip-masq=false',
    ],
    { stdio: ['ignore', log, log] },
  );
  const docker = new Docker({ socketPath });
  const engine: DockerEngineProcess = {
    socketPath,
    docker,
    loadImages: (from, imageRefs) => copyImages(from, docker, imageRefs),
    stop: () => stopEngine(dockerd, docker, root),
  };
  try {
    await waitFor(
      async () => {
        if (dockerd.exitCode !== null) throw new Error(`dockerd exited with code ${dockerd.exitCode}`);
        return docker.ping().then(
          () => true,
          () => false,
        );
      },
      { timeoutMs, what: `dockerd on ${socketPath} answering` },
    );
  } catch (error) {
    const output = await readFile(join(root, 'dockerd.log'), 'utf8').catch(() => '');
    await engine.stop();
    throw new Error(`${(error as Error).message}\n${output.split('\n').slice(-20).join('\n')}`);
  }
  return engine;
}

async function copyImages(from: Docker, to: Docker, imageRefs: readonly string[]): Promise<void> {
  for (const imageRef of imageRefs) {
    const archive = await from.getImage(imageRef).get();
    const progress = await to.loadImage(archive);
    await new Promise<void>((resolve, reject) =>
      to.modem.followProgress(progress, (error: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}

async function stopEngine(dockerd: ChildProcess, docker: Docker, root: string): Promise<void> {
  if (dockerd.exitCode === null) {
    await removeContainers(docker).catch(() => undefined);
    await new Promise<void>((resolve) => {
      const killer = setTimeout(() => dockerd.kill('SIGKILL'), 20_000);
      dockerd.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      dockerd.kill('SIGTERM');
    });
  }
  // dockerd leaves its network namespace (and, if killed, overlay mounts) mounted under its roots
  const mounts = (await readFile('/proc/self/mounts', 'utf8'))
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((mountPoint) => mountPoint?.startsWith(`${root}/`))
    .reverse();
  for (const mountPoint of mounts) await promisify(execFile)('umount', ['-l', mountPoint]).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
}
