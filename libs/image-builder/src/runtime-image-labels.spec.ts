import { RUNTIME_IMAGE_KIND, RuntimeImageLabel, runtimeImageLabels } from './runtime-image-labels';

describe(runtimeImageLabels.name, () => {
  it('should label the image as a managed runtime image of its namespace, with its hash and libraries', () => {
    expect(
      runtimeImageLabels({ namespace: 'ns', profileHash: 'resolved', libraries: ['kleur@4.1.5', 'ms@2.1.3'] }),
    ).toEqual({
      [RuntimeImageLabel.Managed]: 'true',
      [RuntimeImageLabel.Namespace]: 'ns',
      [RuntimeImageLabel.Kind]: RUNTIME_IMAGE_KIND,
      [RuntimeImageLabel.ProfileHash]: 'resolved',
      [RuntimeImageLabel.Libraries]: 'kleur@4.1.5,ms@2.1.3',
    });
  });

  it('should add the requested hash and the canonical profile when given', () => {
    const labels = runtimeImageLabels({
      namespace: 'ns',
      profileHash: 'resolved',
      libraries: [],
      requestedHash: 'requested',
      canonicalProfile: { language: 'node' } as never,
    });
    expect(labels[RuntimeImageLabel.RequestedHash]).toBe('requested');
    expect(JSON.parse(labels[RuntimeImageLabel.Profile])).toEqual({ language: 'node' });
  });
});
