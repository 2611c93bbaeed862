'use strict';
// Tailor's runtime server: the process inside every runtime container. At start it loads the image's preload manifest
// (libraries and data files), then listens on loopback (the container shares the host's network namespace) for:
//   GET  /health   200 once ready (the provisioner waits for it)
//   POST /load     { source, packageJson?, files?, install? } load a handler bundle
//   POST /invoke   { event } call the handler
//   GET  /report   time-to-ready, libraries loaded, misses, unused preloads, memory: the feedback of this runtime
//   GET  /sandbox  the confinement the process sees (user, capabilities, read-only root, limits)
const { createModuleTracker } = require('./module-tracker');
const tracker = createModuleTracker();

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const Module = require('node:module');
const path = require('node:path');

const { describeSandbox } = require('./sandbox');

const host = process.env.TAILOR_RUNTIME_HOST || '127.0.0.1';
const port = Number(process.env.TAILOR_RUNTIME_PORT || 0);
const environmentId = process.env.TAILOR_ENVIRONMENT_ID || null;
const home = process.env.TAILOR_HOME || '/opt/tailor';
const workDir = process.env.TAILOR_WORK_DIR || '/tmp';
const npmCli = process.env.TAILOR_NPM_CLI || null;
const appDir = path.join(home, 'app');
const dataDir = path.join(home, 'data');
const MAX_BODY_BYTES = 256 * 1024 * 1024;

const elapsed = () => Math.round(performance.now() * 100) / 100; // ms since the process started

// --- preload: the image's libraries and data, before the runtime says it is ready ---------------------------------------
function readManifest() {
  try {
    return JSON.parse(fs.readFileSync(path.join(home, 'preload.json'), 'utf8'));
  } catch {
    return { profileHash: null, libraries: [], preload: [], preloadedData: [] };
  }
}

const manifest = readManifest();
const preloadErrors = [];
const data = new Map();
const dataMisses = new Set();
tracker.phase('preload');
const appRequire = Module.createRequire(path.join(appDir, 'package.json'));
for (const name of manifest.preload) {
  try {
    appRequire(name);
  } catch (error) {
    preloadErrors.push({ name, error: error.message });
  }
}
for (const file of manifest.preloadedData) {
  try {
    data.set(file, fs.readFileSync(path.join(dataDir, file)));
  } catch (error) {
    preloadErrors.push({ name: `data:${file}`, error: error.message });
  }
}
tracker.phase('idle');

const state = {
  preloadMs: null,
  readyMs: null,
  handler: null,
  bundleDataDir: null,
  loadMs: null,
  installMs: null,
  invocations: 0,
  failures: 0,
  firstInvocationMs: null,
};

// --- handler bundles --------------------------------------------------------------------------------------------------
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
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(Object.assign(new Error('body is not JSON'), { status: 400 }));
      }
    });
    req.on('error', reject);
  });
}

/** Writes the files of a bundle (relative path → base64) under `root`; refuses paths that leave it. */
function writeFiles(root, files) {
  for (const [relative, base64] of Object.entries(files)) {
    const target = path.resolve(root, relative);
    if (!target.startsWith(root + path.sep))
      throw Object.assign(new Error(`bad bundle path ${relative}`), { status: 400 });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, Buffer.from(base64, 'base64'));
  }
}

/** The generic runtime's way: install the bundle's dependencies with npm at start (npm is mounted, not in the image). */
function npmInstall(root) {
  if (!npmCli)
    return Promise.reject(Object.assign(new Error('no npm in this runtime (TAILOR_NPM_CLI)'), { status: 400 }));
  const args = [npmCli, 'install', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=dev', '--no-package-lock'];
  args.push('--cache', path.join(workDir, 'npm-cache'), '--prefix', root);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, HOME: workDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm install failed (${code}): ${stderr.slice(-2000)}`)),
    );
  });
}

async function loadBundle({ source, packageJson, files, install }) {
  if (typeof source !== 'string') throw Object.assign(new Error('source must be a string'), { status: 400 });
  const started = performance.now();
  let root = appDir;
  if (files || install) {
    root = path.join(workDir, 'bundle');
    fs.mkdirSync(root, { recursive: true });
    if (packageJson) fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(packageJson));
    if (files) writeFiles(root, files);
    state.bundleDataDir = path.join(root, 'data');
    if (install) {
      const installStarted = performance.now();
      await npmInstall(root);
      state.installMs = Math.round((performance.now() - installStarted) * 100) / 100;
    }
  }
  tracker.phase('handler');
  const filename = path.join(root, 'handler.js');
  const handlerModule = new Module(filename, module);
  handlerModule.filename = filename;
  handlerModule.paths = Module._nodeModulePaths(root);
  handlerModule._compile(source, filename);
  const exported = handlerModule.exports;
  const handler = typeof exported === 'function' ? exported : exported.handler;
  if (typeof handler !== 'function')
    throw Object.assign(new Error('the bundle exports no handler function'), { status: 400 });
  state.handler = handler;
  state.loadMs = Math.round((performance.now() - started) * 100) / 100;
  return { loadMs: state.loadMs, installMs: state.installMs };
}

const context = {
  environmentId,
  /** A data file: preloaded ones come from memory, others are read from the image or the bundle (and counted as misses). */
  data(file) {
    if (data.has(file)) return data.get(file);
    dataMisses.add(file);
    const folder = state.bundleDataDir ?? dataDir;
    const target = path.resolve(folder, file);
    if (!target.startsWith(folder + path.sep)) throw new Error(`bad data path ${file}`);
    const content = fs.readFileSync(target);
    data.set(file, content);
    return content;
  },
};

async function invoke({ event }) {
  if (!state.handler) throw Object.assign(new Error('no handler loaded: POST /load first'), { status: 409 });
  const started = performance.now();
  try {
    const result = await state.handler(event, context);
    state.invocations += 1;
    if (state.firstInvocationMs === null) state.firstInvocationMs = elapsed();
    return { result, durationMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    state.failures += 1;
    throw Object.assign(new Error(`handler failed: ${error && error.message}`), { status: 500 });
  }
}

function report() {
  const memory = process.memoryUsage();
  return {
    environmentId,
    profileHash: manifest.profileHash,
    timeToReadyMs: state.readyMs,
    preloadMs: state.preloadMs,
    loadMs: state.loadMs,
    installMs: state.installMs,
    firstInvocationMs: state.firstInvocationMs,
    invocations: state.invocations,
    failures: state.failures,
    preloadErrors,
    ...tracker.report(),
    preloadedData: [...manifest.preloadedData].sort(),
    dataMisses: [...dataMisses].sort(),
    memory: {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    },
  };
}

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
      timeToReadyMs: state.readyMs,
      preloaded: manifest.preload.length,
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    };
  },
  'POST /load': (body) => loadBundle(body),
  'POST /invoke': (body) => invoke(body),
  'GET /report': () => report(),
  'GET /sandbox': () => describeSandbox(),
};

const server = http.createServer((req, res) => {
  const route = routes[`${req.method} ${req.url}`];
  if (!route) return send(res, 404, { error: 'not found' });
  const body = req.method === 'POST' ? readBody(req) : Promise.resolve({});
  body
    .then((parsed) => route(parsed))
    .then((result) => send(res, 200, result))
    .catch((error) => send(res, error.status || 500, { error: error.message }));
});

state.preloadMs = elapsed();
server.listen(port, host, () => {
  state.readyMs = elapsed();
  const address = server.address();
  process.stdout.write(
    JSON.stringify({
      msg: 'runtime ready',
      host,
      port: address.port,
      readyMs: state.readyMs,
      preloaded: manifest.preload.length,
    }) + '\n',
  );
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
