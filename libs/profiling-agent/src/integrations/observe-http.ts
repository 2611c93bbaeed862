import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ProfilingAgent } from '../profiling-agent';

const bytesOf = (value: unknown): number => {
  const bytes = Number(value);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
};

/**
 * Measures one HTTP request from now until its response closed. `endpoint()` is asked at the end, when the framework
 * has matched the route; only the id it returns (a route template) is kept, never the URL, headers or bodies.
 */
export function observeHttp(
  agent: ProfilingAgent,
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: () => string,
): void {
  const start = agent.startInvocation();
  if (!start) return;
  const writtenBefore = req.socket?.bytesWritten ?? 0;
  // 'close' comes once per response, which is then dropped: `on` spares once()'s wrapper and removeListener per request
  res.on('close', () => {
    let endpointId: string;
    try {
      endpointId = endpoint();
    } catch {
      return;
    }
    const declared = bytesOf(res.getHeader('content-length'));
    const responseBytes = declared || Math.max(0, (req.socket?.bytesWritten ?? writtenBefore) - writtenBefore);
    agent.finishInvocation(start, endpointId, bytesOf(req.headers['content-length']), responseBytes);
  });
}
