import { z } from 'zod';

/** What the documentation says about one environment variable; the apps that read it follow from their schemas. */
export interface EnvVariableMeta {
  /** the config group whose value carries the variable (also its section in the generated documentation) */
  group: string;
  /** what the variable does */
  description: string;
  /** the value may hold a secret (e.g. a password inside a URL) */
  sensitive?: boolean;
  /** a default computed from the machine (home or temporary folder), as the documentation shows it */
  machineDefault?: string;
  /** a value `.env.example` suggests for a variable that has no default */
  example?: string;
}

/** The registry the env schemas record their variables' metadata in: `schema.register(envVariables, { … })`. */
export const envVariables = z.registry<EnvVariableMeta>();
