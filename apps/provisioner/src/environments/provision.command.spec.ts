import { ZodValidationException } from 'nestjs-zod';

import { ProvisionCommand } from './provision.command';

describe(ProvisionCommand.name, () => {
  describe('create', () => {
    it('should name the validated arguments', () => {
      const command = ProvisionCommand.create({
        applicationId: 'shop',
        endpointId: 'GET /cart/:id',
        correlationId: 'corr-1',
      });

      expect({ ...command }).toEqual({ applicationId: 'shop', endpointId: 'GET /cart/:id', correlationId: 'corr-1' });
    });

    it.each([
      ['an empty application id', { applicationId: '', endpointId: 'GET /', correlationId: 'corr-1' }],
      [
        'an endpoint id with a control character',
        { applicationId: 'shop', endpointId: 'GET\n/', correlationId: 'corr-1' },
      ],
      ['an empty correlation id', { applicationId: 'shop', endpointId: 'GET /', correlationId: '' }],
    ])('should refuse %s as a validation failure', (_, input) => {
      expect(() => ProvisionCommand.create(input)).toThrow(ZodValidationException);
    });

    it('should refuse an argument it does not know', () => {
      const input = { applicationId: 'shop', endpointId: 'GET /', correlationId: 'corr-1', memoryMb: 4096 };

      expect(() => ProvisionCommand.create(input)).toThrow(ZodValidationException);
    });
  });
});
