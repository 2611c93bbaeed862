import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

import type { AgentStats } from '../src';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');

export interface FixtureProcess {
  url: string;
  output(): string;
  /** SIGTERM, wait for the exit, and the agent's final stats */
  stop(): Promise<AgentStats>;
  /** SIGKILL: the process dies at once, whatever it was doing */
  kill(): Promise<void>;
}

/** Runs a fixture app (or any script printing "listening on <url>") as its own Node process. */
export function startScript(script: string, env: Record<string, string>, timeoutMs = 90_000): Promise<FixtureProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const stop = async (): Promise<AgentStats> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    const line = /agent-stats (.*)/.exec(output);
    if (!line) throw new Error(`${script} printed no agent stats:\n${output}`);
    return JSON.parse(line[1] as string) as AgentStats;
  };

  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start:\n${output}`));
    }, timeoutMs);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited:\n${output}`));
    });
    const onData = () => {
      const match = /listening on (http:\/\/[\w.:[\]-]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      const kill = async () => {
        child.kill('SIGKILL');
        await exited;
      };
      resolveStart({ url: match[1] as string, output: () => output, stop, kill });
    };
    child.stdout.on('data', onData);
  });
}
