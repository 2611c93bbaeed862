import { ModelArtifactError, OnnxRuntimeModel } from '@tailor/runtime-model';
import type { PinoLogger } from 'nestjs-pino';

import type { ModelsConfig } from '../config/predictor-config.groups';
import { ModelRegistryService } from './model-registry.service';
import type { ModelVersionRepository, ModelVersionRow } from './model-version.repository';
import { ServingModel } from './serving-model';

type Champion = ModelVersionRow & { artifact: Uint8Array | null };

const versionRow = (id: string, version: number, artifact: Uint8Array | null = Uint8Array.of(version)): Champion => ({
  id,
  kind: 'runtime-profile',
  version,
  status: 'champion',
  dataWindowStart: null,
  dataWindowEnd: null,
  metrics: null,
  statusReason: null,
  createdAt: new Date(0),
  promotedAt: null,
  artifact,
});

const loadedModel = () =>
  ({ release: jest.fn(async () => undefined) }) as unknown as OnnxRuntimeModel & { release: jest.Mock };

function registryWith(champion: Champion | null) {
  const versions = {
    champion: jest.fn(async () => champion),
    championId: jest.fn(async () => champion?.id ?? null),
    reject: jest.fn(async () => undefined),
  };
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const registry = new ModelRegistryService(
    versions as unknown as ModelVersionRepository,
    {} as ModelsConfig,
    logger as unknown as PinoLogger,
  );
  return {
    registry,
    versions,
    setChampion: (next: Champion | null) => (champion = next),
  };
}

describe(ModelRegistryService.name, () => {
  let load: jest.SpyInstance;

  beforeEach(() => {
    load = jest.spyOn(OnnxRuntimeModel, 'load').mockImplementation(async () => loadedModel());
  });

  afterEach(() => jest.restoreAllMocks());

  describe('refresh', () => {
    it('should serve the registry’s champion', async () => {
      const { registry } = registryWith(versionRow('v1', 1));
      await registry.refresh();
      expect(registry.serving).toMatchObject({ id: 'v1', version: 1 });
    });

    it('should not load the champion again while it is served', async () => {
      const { registry } = registryWith(versionRow('v1', 1));
      await registry.refresh();
      await registry.refresh();
      expect(load).toHaveBeenCalledTimes(1);
    });

    it('should serve nothing while there is no champion', async () => {
      const { registry } = registryWith(null);
      await registry.refresh();
      expect(registry.serving).toBeUndefined();
      expect(load).not.toHaveBeenCalled();
    });

    it('should reject a champion without a model file', async () => {
      const { registry, versions } = registryWith(versionRow('v1', 1, null));
      await registry.refresh();
      expect(versions.reject).toHaveBeenCalledWith('v1', 'champion has no model file');
      expect(registry.serving).toBeUndefined();
    });

    it('should reject a champion whose file is refused and keep serving the previous model', async () => {
      const { registry, versions, setChampion } = registryWith(versionRow('v1', 1));
      await registry.refresh();
      setChampion(versionRow('v2', 2));
      load.mockRejectedValueOnce(new ModelArtifactError('unknown opset'));
      await registry.refresh();
      expect(versions.reject).toHaveBeenCalledWith('v2', 'unknown opset');
      expect(registry.serving).toMatchObject({ id: 'v1' });
    });

    it('should swap in a new champion and free the previous model', async () => {
      const { registry, setChampion } = registryWith(versionRow('v1', 1));
      await registry.refresh();
      const previous = registry.serving as ServingModel;
      setChampion(versionRow('v2', 2));
      await registry.refresh();
      expect(registry.serving).toMatchObject({ id: 'v2', version: 2 });
      expect((previous.model as unknown as { release: jest.Mock }).release).toHaveBeenCalledTimes(1);
    });
  });

  describe('use', () => {
    it('should finish a request on the model it started on, freeing it only afterwards', async () => {
      const { registry } = registryWith(versionRow('v1', 1));
      await registry.refresh();
      const first = registry.serving as ServingModel;
      const release = (first.model as unknown as { release: jest.Mock }).release;
      let finish!: () => void;
      const running = registry.use(async (model) => {
        await new Promise<void>((resolve) => (finish = resolve));
        return model?.id;
      });
      await registry.install(new ServingModel('v2', 2, loadedModel(), undefined));
      expect(release).not.toHaveBeenCalled();
      finish();
      await expect(running).resolves.toBe('v1');
      expect(release).toHaveBeenCalledTimes(1);
    });
  });
});
