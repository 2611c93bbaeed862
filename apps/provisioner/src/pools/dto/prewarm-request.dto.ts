import { PrewarmRequestSchema } from '@tailor/contracts';
import { createZodDto } from 'nestjs-zod';

export class PrewarmRequestDto extends createZodDto(PrewarmRequestSchema) {}
