import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import type { DataDigests } from '@tailor/profiles';

import { type ImagesConfig, imagesConfig } from '../config/factory-config.groups';

/** The digest of a data file that cannot be read (missing, or outside its application's folder): the build then fails. */
export const UNREADABLE_DATA = 'unreadable';

interface CachedDigest {
  size: number;
  mtimeMs: number;
  digest: string;
}

const sha256Of = (file: string): Promise<string> =>
  new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => done(hash.digest('hex')))
      .on('error', fail);
  });

/**
 * SHA-256 of an application's preloaded data files (under RUNTIME_DATA_DIR/<applicationId>/), so that their contents are
 * part of the image's content hash. A file is read again only when its size or modification time changed.
 */
@Injectable()
export class DataDigestService {
  private readonly dataRoot: string;
  private readonly cache = new Map<string, CachedDigest>();

  constructor(@InjectConfig(imagesConfig) images: ImagesConfig) {
    this.dataRoot = images.dataDir;
  }

  async digests(applicationId: string, files: string[]): Promise<DataDigests> {
    const folder = resolve(this.dataRoot, applicationId);
    const entries = await Promise.all(
      files.map(async (file): Promise<[string, string]> => {
        const path = resolve(folder, file);
        if (!path.startsWith(`${folder}/`)) return [file, UNREADABLE_DATA];
        return [file, await this.digestOf(path).catch(() => UNREADABLE_DATA)];
      }),
    );
    return Object.fromEntries(entries);
  }

  private async digestOf(path: string): Promise<string> {
    const { size, mtimeMs } = await stat(path);
    const cached = this.cache.get(path);
    if (cached && cached.size === size && cached.mtimeMs === mtimeMs) return cached.digest;
    const digest = await sha256Of(path);
    this.cache.set(path, { size, mtimeMs, digest });
    return digest;
  }
}
