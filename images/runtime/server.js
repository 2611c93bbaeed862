'use strict';
// Tailor's runtime server: the process inside every runtime container. It listens on loopback (the container shares the
// host's network namespace) and answers readiness. Loading and invoking handler bundles arrives with the runtime-factory.
const http = require('node:http');

const startedAt = Date.now();
const host = process.env.TAILOR_RUNTIME_HOST || '127.0.0.1';
const port = Number(process.env.TAILOR_RUNTIME_PORT || 0);
const environmentId = process.env.TAILOR_ENVIRONMENT_ID || null;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    const memory = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'ready',
        environmentId,
        node: process.versions.node,
        uptimeMs: Date.now() - startedAt,
        memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      }),
    );
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
});

server.listen(port, host, () => {
  const address = server.address();
  process.stdout.write(JSON.stringify({ msg: 'runtime ready', host, port: address.port, readyMs: Date.now() - startedAt }) + '\n');
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
