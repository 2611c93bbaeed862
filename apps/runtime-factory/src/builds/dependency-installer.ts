import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RuntimeProfile } from '@tailor/contracts';
import { NpmLockfile, profilePackageJson } from '@tailor/profiles';

import type { FactoryEnv } from '../config/factory-env.schema';
import { BuildFailure, BuildFailureReason, npmFailure } from './build-failure';

const NPM_FLAGS = ['--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--loglevel=error'];

/**
 * Installs a profile's libraries on the build side with the host's npm and its cache: first a lockfile (which resolves
 * every library to an exact version, or says it does not exist), then `npm ci` from it. Install scripts never run.
 */
@Injectable()
export class DependencyInstaller {
  private readonly cacheDir: string;
  private readonly registry: string | undefined;
  private readonly timeoutMs: number;

  constructor(config: ConfigService<FactoryEnv, true>) {
    this.cacheDir = config.get('NPM_CACHE_DIR', { infer: true });
    this.registry = config.get('NPM_REGISTRY', { infer: true });
    this.timeoutMs = config.get('IMAGE_BUILD_STEP_TIMEOUT_MS', { infer: true });
  }

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
    const full = [...args, '--cache', this.cacheDir, ...(this.registry ? ['--registry', this.registry] : [])];
    return new Promise((resolve, reject) => {
      execFile(
        'npm',
        full,
        {
          cwd,
          timeout: this.timeoutMs,
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
