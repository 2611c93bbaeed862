import type { OnnxRuntimeModel } from '@tailor/runtime-model';

import { ServingModel } from './serving-model';

function servingModel() {
  const release = jest.fn(async () => undefined);
  const model = { release } as unknown as OnnxRuntimeModel;
  return { serving: new ServingModel('id-7', 7, model, undefined), release };
}

describe(ServingModel.name, () => {
  it('should name the version it serves', () => {
    expect(servingModel().serving.label).toBe('runtime-profile@7');
  });

  describe('retire', () => {
    it('should free the session at once when no request uses it', async () => {
      const { serving, release } = servingModel();
      await serving.retire();
      expect(release).toHaveBeenCalledTimes(1);
    });

    it('should free the session only when the last request using it is done', async () => {
      const { serving, release } = servingModel();
      serving.acquire();
      serving.acquire();
      await serving.retire();
      await serving.release();
      expect(release).not.toHaveBeenCalled();
      await serving.release();
      expect(release).toHaveBeenCalledTimes(1);
    });
  });

  describe('release', () => {
    it('should keep the session of a model still served', async () => {
      const { serving, release } = servingModel();
      serving.acquire();
      await serving.release();
      expect(release).not.toHaveBeenCalled();
    });
  });
});
