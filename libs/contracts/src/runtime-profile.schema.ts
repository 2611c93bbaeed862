import { z } from 'zod';

import { IdentifierSchema } from './identifiers.schema';

export const LibrarySchema = z.object({
  name: z
    .string()
    .min(1)
    .max(214)
    .regex(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/, 'must be an npm package name'),
  version: z.string().min(1).max(64),
});
export type Library = z.infer<typeof LibrarySchema>;

export const WarmWindowSchema = z.object({
  /** minutes from the time of the prediction */
  fromMinute: z.number().int().min(0),
  toMinute: z.number().int().min(1),
  count: z.number().int().min(0).max(1000),
});
export type WarmWindow = z.infer<typeof WarmWindowSchema>;

/** What the predictor says an application endpoint's runtime needs. */
export const RuntimeProfileSchema = z.object({
  applicationId: IdentifierSchema,
  endpointId: IdentifierSchema,
  language: z.literal('node'),
  languageVersion: z.string().regex(/^\d+(\.\d+){0,2}$/, 'must be a version such as 20 or 20.11.1'),
  /** installed into the image */
  libraries: z.array(LibrarySchema).max(500),
  /** names of installed libraries loaded before the first request */
  preload: z.array(z.string().min(1).max(214)).max(500),
  /** relative paths of data files loaded before the first request */
  preloadedData: z.array(z.string().min(1).max(500)).max(100),
  memoryMb: z.number().int().min(64).max(32768),
  cpuMillis: z.number().int().min(50).max(32000),
  warmPool: z.object({ windows: z.array(WarmWindowSchema).max(1440) }),
});
export type RuntimeProfile = z.infer<typeof RuntimeProfileSchema>;
