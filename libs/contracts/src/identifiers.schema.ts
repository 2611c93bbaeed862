import { z } from 'zod';

/** Application and endpoint ids: opaque names chosen by the platform's users; endpoints may be route templates. */
export const IdentifierSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[A-Za-z0-9._~:/@{}*-]+( [A-Za-z0-9._~:/@{}*-]+)*$/, 'may contain only letters, digits, single inner spaces and . _ ~ : / @ { } * -');

export const CorrelationIdSchema = z.string().min(1).max(128);

export const ContentHashSchema = z.string().regex(/^[a-f0-9]{64}$/, 'must be a sha256 hex digest');
