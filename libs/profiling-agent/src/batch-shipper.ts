import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

import type { AgentReport, ProfilingData } from '@tailor/contracts';

import { shareLibraryLists } from './library-lists';

const gzipAsync = promisify(gzip);

/** What became of one attempt to deliver a batch. */
export type SendOutcome = 'delivered' | 'retry' | 'rejected' | 'too-large';

export interface OutgoingBatch {
  batchId: string;
  records: ProfilingData[];
}

const MAX_RESPONSE_BYTES = 64 * 1024;
/** statuses worth retrying; every other 4xx means the batch itself is refused */
const RETRYABLE_CLIENT_STATUSES = new Set([408, 409, 425, 429]);

export function outcomeOf(status: number, body: string, batchId: string): SendOutcome {
  if (status >= 200 && status < 300) return receiptMatches(body, batchId) ? 'delivered' : 'retry';
  if (status === 413) return 'too-large';
  if (status >= 400 && status < 500 && !RETRYABLE_CLIENT_STATUSES.has(status)) return 'rejected';
  return 'retry';
}

/** A 2xx counts only with a receipt for this very batch: a proxy or a confused server answering garbage is retried. */
function receiptMatches(body: string, batchId: string): boolean {
  try {
    const receipt = JSON.parse(body) as { batchId?: unknown };
    return receipt !== null && typeof receipt === 'object' && receipt.batchId === batchId;
  } catch {
    return false;
  }
}

/** POSTs gzipped batches to profiler-ingest over one kept-alive connection. */
export class BatchShipper {
  private readonly url: URL;
  private readonly agent: HttpAgent;

  constructor(
    ingestUrl: string,
    private readonly options: { requestTimeoutMs: number; maxBatchBytes: number },
  ) {
    this.url = new URL('/v1/profiles', ingestUrl);
    const agentOptions = { keepAlive: true, maxSockets: 1 };
    this.agent = this.url.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  }

  async send(batch: OutgoingBatch, report: AgentReport): Promise<SendOutcome> {
    // each distinct library list once, the records naming theirs by index: a process's records share its list
    const json = JSON.stringify({ batchId: batch.batchId, ...shareLibraryLists(batch.records), agent: report });
    if (Buffer.byteLength(json) > this.options.maxBatchBytes) return 'too-large';
    const body = await gzipAsync(json);
    const { status, text } = await this.post(body);
    return outcomeOf(status, text, batch.batchId);
  }

  close(): void {
    this.agent.destroy();
  }

  private post(body: Buffer): Promise<{ status: number; text: string }> {
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'content-length': body.length,
          },
        },
        (res: IncomingMessage) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < MAX_RESPONSE_BYTES) text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        },
      );
      req.setTimeout(this.options.requestTimeoutMs, () =>
        req.destroy(new Error('profiler-ingest did not answer in time')),
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
