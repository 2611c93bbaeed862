import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { RuntimeProfile } from '@tailor/contracts';
import { NpmLockfile, profilePackageJson } from '@tailor/profiles';

import { BuildFailure, BuildFailureReason, npmFailure } from './build-failure';

export interface DependencyInstallerOptions {
  /** npm's cache on the build side */
  cacheDir: string;
  /** the npm registry, when not npm's default */
  registry?: string;
  /** time an npm step may take before it is failed */
  timeoutMs: number;
}

const NPM_FLAGS = ['--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--loglevel=error'];

/**
 * Installs a profile's libraries on the build side with the host's npm and its cache: first a lockfile (which resolves
 * every library to an exact version, or says it does not exist), then `npm ci` from it. Install scripts never run.
 */
export class DependencyInstaller {
  constructor(private readonly options: DependencyInstallerOptions) {}

  /** Writes package.json and resolves it to package-lock.json in `dir`. */
  async resolve(dir: string, profile: RuntimeProfile): Promise<NpmLockfile> {
    await writeFile(join(dir, 'package.json'), JSON.stringify(profilePackageJson(profile), null, 2));
    await this.npm(dir, ['install', '--package-lock-only', ...NPM_FLAGS]);
    return JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8')) as NpmLockfile;
  }

  /** Installs node_modules in `dir` exactly as its lockfile says, from the cache when it has the tarballs. */
  async install(dir: string): Promise<void> {
    await this.npm(dir, ['ci', '--prefer-offline', ...NPM_FLAGS]);
  }

  private npm(cwd: string, args: string[]): Promise<void> {
    const { cacheDir, registry, timeoutMs } = this.options;
    const full = [...args, '--cache', cacheDir, ...(registry ? ['--registry', registry] : [])];
    return new Promise((resolve, reject) => {
      execFile(
        'npm',
        full,
        {
          cwd,
          timeout: timeoutMs,
          maxBuffer: 16 * 1024 * 1024,
          env: { ...process.env, npm_config_update_notifier: 'false' },
        },
        (error, _stdout, stderr) => {
          if (!error) return resolve();
          if (error.killed) return reject(new BuildFailure(BuildFailureReason.Transient, `npm ${args[0]} timed out`));
          reject(npmFailure(String(stderr)));
        },
      );
    });
  }
}
