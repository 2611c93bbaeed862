import { ProvisionRequestSchema } from '@tailor/contracts';
import { createZodDto } from 'nestjs-zod';

export class ProvisionRequestDto extends createZodDto(ProvisionRequestSchema) {}
