import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RuntimeProfileSchema } from '@tailor/contracts';
import { defaultProfile } from '@tailor/profiles';

import { BuildFailure, BuildFailureReason } from './build-failure';
import { baseSupportsSnapshot, preloadManifest, runtimeDockerfile, writeBuildContext } from './build-context';

const profile = RuntimeProfileSchema.parse({
  ...defaultProfile('app', 'GET /x', '20'),
  libraries: [
    { name: 'ms', version: '2.1.3' },
    { name: 'kleur', version: '4.1.5' },
  ],
  preload: ['ms', 'kleur', 'ms', 'not-installed'],
  preloadedData: ['b.txt', 'nested/a.txt'],
});

describe(runtimeDockerfile.name, () => {
  it('should layer the base, then the dependencies, then the manifest and data, in exec-free COPY steps', () => {
    expect(runtimeDockerfile('tailor/runtime:base').trim().split('\n')).toEqual([
      'FROM tailor/runtime:base',
      'COPY app/ /opt/tailor/app/',
      'COPY preload.json /opt/tailor/preload.json',
      'COPY data/ /opt/tailor/data/',
    ]);
  });

  it('should build the startup snapshot last, as root, and start the runtime from it as user 65534', () => {
    const lines = runtimeDockerfile('tailor/runtime:base', { snapshot: true }).trim().split('\n');
    expect(lines.slice(4)).toEqual([
      'USER 0:0',
      'RUN ["/usr/local/bin/node", "/opt/tailor/build-snapshot.js"]',
      'USER 65534:65534',
      'CMD ["/usr/local/bin/node", "--snapshot-blob", "/opt/tailor/preload.blob", "/opt/tailor/server.js"]',
    ]);
  });
});

describe(baseSupportsSnapshot.name, () => {
  it('should read the base runtime image label', () => {
    expect(baseSupportsSnapshot({ 'dev.tailor.runtime-features': 'snapshot' })).toBe(true);
    expect(baseSupportsSnapshot({ 'dev.tailor.kind': 'runtime' })).toBe(false);
  });
});

describe(preloadManifest.name, () => {
  it('should preload only installed libraries, once each, sorted', () => {
    expect(preloadManifest(profile, 'hash', ['kleur@4.1.5', 'ms@2.1.3'])).toEqual({
      profileHash: 'hash',
      libraries: ['kleur@4.1.5', 'ms@2.1.3'],
      preload: ['kleur', 'ms'],
      preloadedData: ['b.txt', 'nested/a.txt'],
    });
  });
});

describe(writeBuildContext.name, () => {
  let dir: string;
  let dataRoot: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ctx-'));
    dataRoot = await mkdtemp(join(tmpdir(), 'data-'));
    await mkdir(join(dataRoot, 'app', 'nested'), { recursive: true });
    await writeFile(join(dataRoot, 'app', 'b.txt'), 'b');
    await writeFile(join(dataRoot, 'app', 'nested', 'a.txt'), 'a');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('should write the Dockerfile, the manifest and the application data files', async () => {
    const manifest = preloadManifest(profile, 'hash', []);
    const entries = await writeBuildContext(dir, { baseImage: 'base', manifest, dataRoot, applicationId: 'app' });
    expect(entries).toEqual(['Dockerfile', 'app', 'preload.json', 'data']);
    expect(JSON.parse(await readFile(join(dir, 'preload.json'), 'utf8'))).toEqual(manifest);
    expect(await readFile(join(dir, 'data', 'nested', 'a.txt'), 'utf8')).toBe('a');
  });

  it('should fail for good when a data file is missing or leaves the application folder', async () => {
    for (const file of ['missing.txt', '../other/secret.txt']) {
      const manifest = { ...preloadManifest(profile, 'hash', []), preloadedData: [file] };
      const failure = await writeBuildContext(dir, {
        baseImage: 'base',
        manifest,
        dataRoot,
        applicationId: 'app',
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(BuildFailure);
      expect((failure as BuildFailure).reason).toBe(BuildFailureReason.DataNotFound);
      expect((failure as BuildFailure).permanent).toBe(true);
    }
  });
});
