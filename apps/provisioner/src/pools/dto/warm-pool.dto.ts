import { WarmPoolListSchema, WarmPoolSchema } from '@tailor/contracts';
import { createZodDto } from 'nestjs-zod';

export class WarmPoolDto extends createZodDto(WarmPoolSchema) {}
export class WarmPoolListDto extends createZodDto(WarmPoolListSchema) {}
