import { EnvironmentIdParamSchema } from '@tailor/contracts';
import { createZodDto } from 'nestjs-zod';

export class EnvironmentIdParamDto extends createZodDto(EnvironmentIdParamSchema) {}
