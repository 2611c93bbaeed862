import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const LISTENING = /listening on (http:\/\/[\w.:[\]-]+)/;

export type TailorApp = 'profiler-ingest' | 'predictor' | 'runtime-factory' | 'provisioner';

export interface ServiceProcess {
  app: TailorApp;
  url: string;
  pid: number;
  /** every line the process wrote so far, stdout and stderr */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash: no shutdown hook runs (a lease it held is left to expire) */
  kill(): Promise<void>;
}

/** The Node flags an app runs with (`apps/<app>/node-options`, also read by tools/scripts/stack.sh and the Dockerfile). */
function nodeOptionsOf(app: TailorApp): string[] {
  const file = resolve(WORKSPACE_ROOT, 'apps', app, 'node-options');
  return existsSync(file) ? readFileSync(file, 'utf8').split(/\s+/).filter(Boolean) : [];
}

/** Runs one of Tailor's apps as its own process, as the stack does, on a port the kernel picks. */
export function startServiceProcess(app: TailorApp, env: Record<string, string>, timeoutMs = 90_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...nodeOptionsOf(app), '-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => fail(new Error(`${app} did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`${app} exited with code ${code}:\n${output}`)));
    const onData = () => {
      const match = LISTENING.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout?.off('data', onData);
      resolvePromise({ app, url: match[1], pid: child.pid ?? 0, output: () => output, stop: () => stopProcess(child), kill: () => killProcess(child) });
    };
    child.stdout?.on('data', onData);
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGKILL');
  });
}
