import type { PinoLogger } from 'nestjs-pino';

import { enginesConfig } from '../config/provisioner-config.groups';
import type { ProvisionerEnv } from '../config/provisioner-env.schema';
import type { DockerEngine, DockerEngines } from './docker-engines';
import { EngineErrorCode, EngineException } from './engine.exception';
import { chooseEngine, EnginePlacement, type PlacementCandidate } from './engine-placement';

const MIB = 1024 * 1024;
const IMAGE = 'tailor/runtime:abc';

/** A Docker engine of `memoryMb` that holds `images`; what it is asked to load is recorded. */
function fakeEngine(name: string, memoryMb: number, images: string[] = []) {
  const held = new Set(images);
  const loaded: string[] = [];
  const docker = {
    info: jest.fn(async () => ({ MemTotal: memoryMb * MIB })),
    getImage: (ref: string) => ({
      inspect: async () => {
        if (!held.has(ref)) throw new Error(`no such image: ${ref}`);
        return {};
      },
      get: async () => `archive of ${ref}`,
    }),
    loadImage: jest.fn(async (archive: string) => {
      loaded.push(archive);
      held.add(archive.replace('archive of ', ''));
      return 'progress';
    }),
    modem: { followProgress: (_progress: unknown, done: (error: Error | null) => void) => done(null) },
  };
  return { engine: { name, docker } as unknown as DockerEngine, docker, loaded };
}

function newPlacement(engines: DockerEngine[], settings: Partial<ProvisionerEnv> = {}): EnginePlacement {
  const registry = {
    all: () => engines,
    get: (name: string) => engines.find((engine) => engine.name === name) ?? engines[0],
  };
  return new EnginePlacement(
    registry as unknown as DockerEngines,
    { info: jest.fn() } as unknown as PinoLogger,
    enginesConfig.select(settings as ProvisionerEnv),
  );
}

describe('engine placement', () => {
  describe(chooseEngine.name, () => {
    const candidate = (name: string, freeMb: number, hasImage = false): PlacementCandidate => ({
      name,
      freeBytes: freeMb * MIB,
      hasImage,
    });

    it('should prefer an engine that has the image, among those with room', () => {
      expect(chooseEngine([candidate('roomy', 4096), candidate('local', 512, true)], 256 * MIB)?.name).toBe('local');
    });

    it('should take the most free memory when no engine or every engine has the image', () => {
      expect(chooseEngine([candidate('a', 1024), candidate('b', 2048)], 256 * MIB)?.name).toBe('b');
      expect(chooseEngine([candidate('a', 1024, true), candidate('b', 2048, true)], 256 * MIB)?.name).toBe('b');
    });

    it('should never place where the runtime does not fit, even with the image there', () => {
      expect(chooseEngine([candidate('local', 128, true), candidate('far', 512)], 256 * MIB)?.name).toBe('far');
      expect(chooseEngine([candidate('a', 128), candidate('b', 255)], 256 * MIB)).toBeNull();
    });
  });

  describe(EnginePlacement.name, () => {
    describe('place', () => {
      it('should reserve the memory on the chosen engine, so that the next placement sees it taken', async () => {
        const a = fakeEngine('a', 1024, [IMAGE]);
        const b = fakeEngine('b', 768, [IMAGE]);
        const placement = newPlacement([a.engine, b.engine]);

        const first = await placement.place('env-1', 512 * MIB, IMAGE);
        const second = await placement.place('env-2', 512 * MIB, IMAGE);

        expect([first.name, second.name]).toEqual(['a', 'b']);
        expect([placement.reservedBytes('a'), placement.reservedBytes('b')]).toEqual([512 * MIB, 512 * MIB]);
      });

      it('should refuse with NO_CAPACITY when no engine has room, naming what each has free', async () => {
        const placement = newPlacement([fakeEngine('a', 1024, [IMAGE]).engine]);
        await placement.place('env-1', 768 * MIB, IMAGE);

        const refused = placement.place('env-2', 512 * MIB, IMAGE);

        await expect(refused).rejects.toBeInstanceOf(EngineException);
        await expect(refused).rejects.toMatchObject({
          code: EngineErrorCode.NoCapacity,
          message: expect.stringContaining('a 256 MB'),
        });
      });

      it('should size every engine by HOST_MEMORY_LIMIT_MB when it is set', async () => {
        const a = fakeEngine('a', 64 * 1024, [IMAGE]);
        const placement = newPlacement([a.engine], { HOST_MEMORY_LIMIT_MB: 512 });

        await placement.place('env-1', 512 * MIB, IMAGE);

        await expect(placement.place('env-2', 1 * MIB, IMAGE)).rejects.toMatchObject({
          code: EngineErrorCode.NoCapacity,
        });
        expect(a.docker.info).not.toHaveBeenCalled();
      });

      it('should copy the image from an engine that has it to one with room that has not', async () => {
        const full = fakeEngine('full', 512, [IMAGE]);
        const empty = fakeEngine('empty', 4096);
        const placement = newPlacement([full.engine, empty.engine]);
        await placement.place('env-1', 512 * MIB, IMAGE);

        const engine = await placement.place('env-2', 512 * MIB, IMAGE);

        expect(engine.name).toBe('empty');
        expect(empty.loaded).toEqual([`archive of ${IMAGE}`]);
      });

      it('should release the reservation and refuse with IMAGE_MISSING when no engine has the image', async () => {
        const placement = newPlacement([fakeEngine('a', 1024).engine]);

        await expect(placement.place('env-1', 256 * MIB, IMAGE)).rejects.toMatchObject({
          code: EngineErrorCode.ImageMissing,
        });
        expect(placement.reservedBytes('a')).toBe(0);
      });
    });

    describe('reserve', () => {
      it('should count an adopted container once, and free its memory when released', () => {
        const placement = newPlacement([fakeEngine('a', 1024).engine]);

        placement.reserve('env-1', 'a', 256 * MIB);
        placement.reserve('env-1', 'a', 256 * MIB);
        expect(placement.reservedBytes('a')).toBe(256 * MIB);

        placement.release('env-1');
        placement.release('env-1');
        expect(placement.reservedBytes('a')).toBe(0);
      });
    });
  });
});
