/**
 * Library usage of real npm packages by kind of serverless function, for synthetic training sets. The packages and
 * versions are real (current releases); `use` is the share of functions of that kind that depend on the package,
 * `perInvocation` the share of invocations that load it (1 = required at the top of the handler, less = required
 * lazily on one code path), `footprintMb` roughly the resident memory it adds once loaded. The shares are our
 * estimates, not measurements: the arrival pattern comes from the real trace, the library usage is synthetic.
 */
export interface CatalogueEntry {
  name: string;
  version: string;
  use: number;
  perInvocation: number;
  footprintMb: number;
}

const core = (name: string, version: string, use: number, footprintMb: number): CatalogueEntry => ({ name, version, use, perInvocation: 1, footprintMb });
const lazy = (name: string, version: string, use: number, perInvocation: number, footprintMb: number): CatalogueEntry => ({
  name,
  version,
  use,
  perInvocation,
  footprintMb,
});

export const NPM_LIBRARY_CATALOGUE: Record<string, CatalogueEntry[]> = {
  http: [
    core('express', '4.21.2', 0.8, 6),
    core('body-parser', '1.20.3', 0.6, 2),
    core('pino', '9.6.0', 0.5, 4),
    core('cors', '2.8.5', 0.5, 0.5),
    core('zod', '3.24.1', 0.4, 3),
    lazy('jsonwebtoken', '9.0.2', 0.5, 0.7, 2),
    lazy('pg', '8.13.1', 0.5, 0.6, 6),
    lazy('ioredis', '5.4.2', 0.3, 0.4, 5),
    lazy('lodash', '4.17.21', 0.4, 0.3, 5),
    lazy('dayjs', '1.11.13', 0.3, 0.25, 1),
    lazy('axios', '1.7.9', 0.3, 0.15, 4),
    lazy('uuid', '11.0.5', 0.3, 0.3, 0.5),
    lazy('bcryptjs', '2.4.3', 0.2, 0.04, 1),
    lazy('multer', '1.4.5-lts.1', 0.15, 0.03, 2),
    lazy('sharp', '0.33.5', 0.1, 0.02, 30),
    lazy('pdfkit', '0.15.2', 0.1, 0.01, 20),
  ],
  timer: [
    core('@azure/storage-blob', '12.26.0', 0.5, 18),
    core('pg', '8.13.1', 0.5, 6),
    core('date-fns', '4.1.0', 0.4, 4),
    lazy('node-fetch', '3.3.2', 0.4, 0.8, 2),
    lazy('csv-parse', '5.6.0', 0.3, 0.5, 2),
    lazy('p-limit', '6.2.0', 0.3, 0.6, 0.5),
    lazy('nodemailer', '6.9.16', 0.2, 0.1, 6),
    lazy('archiver', '7.0.1', 0.1, 0.05, 8),
    lazy('lodash', '4.17.21', 0.3, 0.5, 5),
  ],
  queue: [
    core('@azure/service-bus', '7.9.5', 0.7, 25),
    core('ajv', '8.17.1', 0.5, 6),
    lazy('mongodb', '6.12.0', 0.4, 0.6, 20),
    lazy('sharp', '0.33.5', 0.2, 0.3, 30),
    lazy('handlebars', '4.7.8', 0.2, 0.15, 5),
    lazy('pdfkit', '0.15.2', 0.1, 0.05, 20),
    lazy('uuid', '11.0.5', 0.3, 0.5, 0.5),
  ],
  event: [
    core('@azure/event-hubs', '5.12.2', 0.7, 20),
    core('protobufjs', '7.4.0', 0.5, 8),
    lazy('lodash', '4.17.21', 0.4, 0.4, 5),
    lazy('ioredis', '5.4.2', 0.3, 0.5, 5),
  ],
  orchestration: [core('durable-functions', '3.1.0', 0.9, 12), lazy('axios', '1.7.9', 0.4, 0.5, 4), lazy('zod', '3.24.1', 0.3, 0.6, 3)],
  other: [core('@azure/functions', '4.6.0', 0.8, 8), lazy('axios', '1.7.9', 0.3, 0.3, 4), lazy('lodash', '4.17.21', 0.3, 0.3, 5)],
};

/** Libraries an endpoint may adopt in a later deploy. */
export const LATER_ADOPTIONS: CatalogueEntry[] = [
  lazy('@opentelemetry/api', '1.9.0', 1, 1, 3),
  lazy('stripe', '17.5.0', 1, 0.2, 10),
  lazy('openai', '4.77.0', 1, 0.3, 12),
  lazy('zod', '3.24.1', 1, 1, 3),
];
