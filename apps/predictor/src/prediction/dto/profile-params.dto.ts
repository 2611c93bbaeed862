import { IdentifierSchema } from '@tailor/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class ProfileParamsDto extends createZodDto(
  z.object({ applicationId: IdentifierSchema, endpointId: IdentifierSchema }),
) {}
