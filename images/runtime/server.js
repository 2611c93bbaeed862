'use strict';
// Tailor's runtime server: the process inside every runtime container. At start it loads the image's preload manifest
// (libraries and data files; a specialized image starts from a startup snapshot that already holds the libraries), then
// listens on loopback (the container shares the host's network namespace) for:
//   GET  /health   200 once ready (the provisioner waits for it)
//   POST /load     { source, packageJson?, files?, install?, applicationId?, endpointId? } load a handler bundle (and say whom it serves)
//   POST /invoke   { event } call the handler
//   GET  /report   time-to-ready, libraries loaded, misses, unused preloads, memory, timeline: the feedback of this runtime
//   GET  /sandbox  the confinement the process sees (user, capabilities, read-only root, limits)
// Module tracking, memory and the shipping of profiling data (when TAILOR_INGEST_URL is set) are Tailor's profiling
// agent's (libs/profiling-agent, bundled into agent/ when the image is built).
const mainStartedAt = performance.timeOrigin + performance.now();
const { RuntimeProfiler } = require('./agent/profiler');

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { badRequest, compileHandler, prepareBundle } = require('./handler-bundle');
const { preload, readManifest, restoreSnapshot } = require('./preload');
const { describeSandbox } = require('./sandbox');

const env = process.env;
const home = env.TAILOR_HOME || '/opt/tailor';
const paths = {
  appDir: path.join(home, 'app'),
  dataDir: path.join(home, 'data'),
  workDir: env.TAILOR_WORK_DIR || '/tmp',
  npmCli: env.TAILOR_NPM_CLI || null,
};
const host = env.TAILOR_RUNTIME_HOST || '127.0.0.1';
const port = Number(env.TAILOR_RUNTIME_PORT || 0);
const environmentId = env.TAILOR_ENVIRONMENT_ID || null;
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const elapsed = () => Math.round(performance.now() * 100) / 100; // ms since the process started

// --- preload: the image's libraries and data, before the runtime says it is ready ---------------------------------------
const manifest = readManifest(home);
// an image serves every application and endpoint whose profile hashes the same, and a pooled container is started before
// anyone claims it: whom it runs for comes with the bundle (POST /load), else from its environment variables
const identity = { applicationId: env.TAILOR_APPLICATION_ID || null, endpointId: env.TAILOR_ENDPOINT_ID || '/invoke' };
const profiler = new RuntimeProfiler(identity.endpointId);
profiler.mark('main', mainStartedAt);
const snapshot = restoreSnapshot();
profiler.mark('restored');
profiler.startPreload();
const preloaded = preload(manifest, paths);
profiler.finishPreload();
const data = preloaded.data;
const dataMisses = new Set();

const state = {
  preloadMs: elapsed(),
  handler: null,
  bundleDataDir: null,
  loadMs: null,
  installMs: null,
  invocations: 0,
  failures: 0,
  firstInvocationMs: null,
  /** CPU time (user + system) the process had used when its first invocation ended: less sensitive to a busy machine */
  firstInvocationCpuMs: null,
};

if (env.TAILOR_SNAPSHOT_CHECK) {
  // build-snapshot.js: does the runtime start from this snapshot with every preload in place?
  const { preloaded: libraries } = profiler.report();
  process.stdout.write(
    JSON.stringify({ snapshotModules: snapshot.modules, partial: snapshot.failed, libraries }) + '\n',
  );
  process.exit(preloaded.errors.some(({ name }) => !name.startsWith('data:')) ? 1 : 0);
}

// --- handler bundles and invocations ----------------------------------------------------------------------------------
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(Object.assign(new Error('body too large'), { status: 413 }));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve({ size, body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {} });
      } catch {
        reject(badRequest('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

async function loadBundle(bundle) {
  if (typeof bundle.source !== 'string') throw badRequest('source must be a string');
  for (const field of ['applicationId', 'endpointId']) {
    if (bundle[field] !== undefined && (typeof bundle[field] !== 'string' || bundle[field].length === 0)) {
      throw badRequest(`${field} must be a non-empty string`);
    }
  }
  serveFor(bundle.applicationId ?? identity.applicationId, bundle.endpointId ?? identity.endpointId);
  profiler.mark('loadStart');
  const started = performance.now();
  const { root, installMs } = await prepareBundle(bundle, paths);
  state.installMs = installMs;
  state.bundleDataDir = root === paths.appDir ? null : path.join(root, 'data');
  profiler.enterHandler();
  state.handler = compileHandler(bundle.source, root, module);
  state.loadMs = Math.round((performance.now() - started) * 100) / 100;
  profiler.mark('loadEnd');
  return { loadMs: state.loadMs, installMs: state.installMs };
}

const context = {
  environmentId,
  /** A data file: preloaded ones come from memory, others are read from the image or the bundle (and counted as misses). */
  data(file) {
    if (data.has(file)) return data.get(file);
    dataMisses.add(file);
    const folder = state.bundleDataDir ?? paths.dataDir;
    const target = path.resolve(folder, file);
    if (!target.startsWith(folder + path.sep)) throw new Error(`bad data path ${file}`);
    const content = fs.readFileSync(target);
    data.set(file, content);
    return content;
  },
};

async function invoke({ event }, requestBytes) {
  if (!state.handler) throw Object.assign(new Error('no handler loaded: POST /load first'), { status: 409 });
  const handler = state.handler;
  const started = performance.now();
  if (state.invocations === 0) profiler.mark('firstInvokeStart');
  try {
    const result = await profiler.invocation(() => Promise.resolve(handler(event, context)), requestBytes);
    state.invocations += 1;
    if (state.firstInvocationMs === null) {
      state.firstInvocationMs = elapsed();
      const cpu = process.cpuUsage();
      state.firstInvocationCpuMs = Math.round((cpu.user + cpu.system) / 10) / 100;
      profiler.mark('firstInvokeEnd');
    }
    return { result, durationMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    state.failures += 1;
    throw Object.assign(new Error(`handler failed: ${error && error.message}`), { status: 500 });
  }
}

function report() {
  const profile = profiler.report();
  return {
    environmentId,
    profileHash: manifest.profileHash,
    timeToReadyMs: profile.timeToReadyMs,
    preloadMs: state.preloadMs,
    loadMs: state.loadMs,
    installMs: state.installMs,
    firstInvocationMs: state.firstInvocationMs,
    firstInvocationCpuMs: state.firstInvocationCpuMs,
    invocations: state.invocations,
    failures: state.failures,
    preloadErrors: preloaded.errors,
    loaded: profile.loaded,
    preloaded: profile.preloaded,
    misses: profile.misses,
    unusedPreloads: profile.unusedPreloads,
    preloadedData: [...manifest.preloadedData].sort(),
    dataMisses: [...dataMisses].sort(),
    memory: profile.memory,
    snapshot,
    timeline: profile.timeline,
    agent: profile.agent,
  };
}

// --- profiling data to profiler-ingest (optional) -----------------------------------------------------------------------
let agent = null;

/** Records later invocations for this application and endpoint (the agent starts once the application is known). */
function serveFor(applicationId, endpointId) {
  profiler.serve(endpointId);
  if (agent && applicationId !== identity.applicationId) {
    process.stderr.write(JSON.stringify({ msg: 'profiling agent keeps its application', applicationId: identity.applicationId }) + '\n');
    return;
  }
  identity.applicationId = applicationId;
  identity.endpointId = endpointId;
  if (!agent) attachIngestAgent();
}

function attachIngestAgent() {
  if (!env.TAILOR_INGEST_URL || !identity.applicationId) return;
  try {
    const { ProfilingAgent } = require('./agent/ingest');
    agent = new ProfilingAgent({
      applicationId: identity.applicationId,
      ingestUrl: env.TAILOR_INGEST_URL,
      hashKey: env.TAILOR_AGENT_HASH_KEY || undefined,
      windowMs: Number(env.TAILOR_AGENT_WINDOW_MS || 10_000),
      onDiagnostic: (message) => process.stderr.write(JSON.stringify({ msg: 'profiling agent', message }) + '\n'),
    });
    profiler.attach(agent);
  } catch (error) {
    agent = null;
    process.stderr.write(JSON.stringify({ msg: 'profiling agent not started', error: error.message }) + '\n');
  }
}
attachIngestAgent();

// --- HTTP -------------------------------------------------------------------------------------------------------------
const send = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const routes = {
  'GET /health': () => {
    const memory = process.memoryUsage();
    return {
      status: 'ready',
      environmentId,
      node: process.versions.node,
      uptimeMs: Math.round(process.uptime() * 1000),
      timeToReadyMs: profiler.timeToReadyMs,
      preloaded: manifest.preload.length,
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    };
  },
  'POST /load': ({ body }) => loadBundle(body),
  'POST /invoke': ({ body, size }) => invoke(body, size),
  'GET /report': () => report(),
  'GET /sandbox': () => describeSandbox(),
};

const server = http.createServer((req, res) => {
  const route = routes[`${req.method} ${req.url}`];
  if (!route) return send(res, 404, { error: 'not found' });
  const body = req.method === 'POST' ? readBody(req) : Promise.resolve({ size: 0, body: {} });
  body
    .then((parsed) => route(parsed))
    .then((result) => send(res, 200, result))
    .catch((error) => send(res, error.status || 500, { error: error.message }));
});

server.listen(port, host, () => {
  const readyMs = profiler.ready();
  const address = server.address();
  process.stdout.write(
    JSON.stringify({ msg: 'runtime ready', host, port: address.port, readyMs, preloaded: manifest.preload.length }) +
      '\n',
  );
});

const stop = () => {
  server.close();
  profiler.shutdown().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
