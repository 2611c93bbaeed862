// A child process of tools/bench/agent-overhead.ts: the benchmark's Express route, with the profiling agent when PROFILED=1,
// alone in its process. Tells the parent its port, then answers { cpu } with the CPU time it has used so far, and
// { stop } by shutting down (writing its CPU profile first when CPU_PROFILE names a file).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';

import { expressProfiling, ProfilingAgent } from '@tailor/profiling-agent';
import express from 'express';

const profiled = process.env.PROFILED === '1';
const agent = profiled
  ? new ProfilingAgent({ applicationId: 'bench', ingestUrl: process.env.INGEST_URL as string, windowMs: 1000 })
  : undefined;

const profiler = process.env.CPU_PROFILE ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  profiler.post('Profiler.enable');
  profiler.post('Profiler.start');
}

const app = express();
if (agent) app.use(expressProfiling(agent));
app.get('/users/:id', (req, res) => {
  res.json({ id: req.params.id, name: 'Ada', roles: ['admin', 'dev'] });
});

const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});

process.on('message', (message: { cpu?: true; stop?: true }) => {
  if (message.cpu) {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system, stats: agent?.stats() });
  }
  if (message.stop) {
    const exit = () => {
      server.close();
      void (agent?.shutdown(1000) ?? Promise.resolve()).then(() => process.exit(0));
    };
    if (!profiler) return exit();
    profiler.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(process.env.CPU_PROFILE as string, JSON.stringify(result.profile));
      exit();
    });
  }
});
