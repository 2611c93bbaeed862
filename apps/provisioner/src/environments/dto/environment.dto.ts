import { EnvironmentSchema } from '@tailor/contracts';
import { createZodDto } from 'nestjs-zod';

export class EnvironmentDto extends createZodDto(EnvironmentSchema) {}
