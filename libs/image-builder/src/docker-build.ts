import type Docker from 'dockerode';

/** One message of the engine's build output stream. */
export interface BuildMessage {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** Runs a build on the engine and returns its output once the stream ends (a failed step is in the messages). */
export async function runDockerBuild(
  docker: Docker,
  context: { context: string; src: string[] },
  options: Record<string, unknown>,
): Promise<BuildMessage[]> {
  const stream = await docker.buildImage(context, options);
  return new Promise<BuildMessage[]>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null, output: BuildMessage[]) =>
      error ? reject(error) : resolve(output),
    ),
  );
}
