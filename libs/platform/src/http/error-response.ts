import { ApiProperty } from '@nestjs/swagger';

/** The body of every error Tailor's HTTP APIs return. */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty({ example: 'applicationId: must not be empty' }) message!: string;
  @ApiProperty({ required: false, example: '1f6b0d3c-7d1f-4bd1-9d0a-5c3e8f7a9b10' }) correlationId?: string;
}
