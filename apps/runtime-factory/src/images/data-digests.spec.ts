import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ImagesConfig } from '../config/factory-config.groups';
import { DataDigestService, UNREADABLE_DATA } from './data-digests';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe(DataDigestService.name, () => {
  let dataRoot: string;
  let service: DataDigestService;

  beforeEach(async () => {
    dataRoot = await mkdtemp(join(tmpdir(), 'data-digests-'));
    await mkdir(join(dataRoot, 'app', 'nested'), { recursive: true });
    await writeFile(join(dataRoot, 'app', 'nested', 'a.txt'), 'first');
    service = new DataDigestService({ dataDir: dataRoot } as ImagesConfig);
  });

  afterEach(() => rm(dataRoot, { recursive: true, force: true }));

  describe('digests', () => {
    it("should give each file's SHA-256, read again once the file changed", async () => {
      expect(await service.digests('app', ['nested/a.txt'])).toEqual({ 'nested/a.txt': sha256('first') });

      await writeFile(join(dataRoot, 'app', 'nested', 'a.txt'), 'second');
      // a change within the same millisecond and size would otherwise look unchanged
      await utimes(join(dataRoot, 'app', 'nested', 'a.txt'), new Date(), new Date(Date.now() + 5_000));
      expect(await service.digests('app', ['nested/a.txt'])).toEqual({ 'nested/a.txt': sha256('second') });
    });

    it('should mark a missing file, or one outside the application folder, as unreadable', async () => {
      expect(await service.digests('app', ['missing.txt', '../other/secret.txt'])).toEqual({
        'missing.txt': UNREADABLE_DATA,
        '../other/secret.txt': UNREADABLE_DATA,
      });
    });
  });
});
