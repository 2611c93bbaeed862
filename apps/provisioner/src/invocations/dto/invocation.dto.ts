import { InvocationSchema, InvokeRequestSchema, LoadBundleReplySchema, LoadBundleRequestSchema } from '@tailor/contracts';
import { createZodDto } from 'nestjs-zod';

export class InvokeRequestDto extends createZodDto(InvokeRequestSchema) {}
export class InvocationDto extends createZodDto(InvocationSchema) {}
export class LoadBundleRequestDto extends createZodDto(LoadBundleRequestSchema) {}
export class LoadBundleReplyDto extends createZodDto(LoadBundleReplySchema) {}
