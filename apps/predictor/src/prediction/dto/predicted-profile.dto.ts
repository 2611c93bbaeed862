import { PredictProfileReplySchema } from '@tailor/contracts';
import { createZodDto } from 'nestjs-zod';

export class PredictedProfileDto extends createZodDto(PredictProfileReplySchema) {}
