'use strict';
// Handler bundles (POST /load): the handler's source, compiled as a CommonJS module of the image's app folder, or of a
// folder in the container's tmpfs holding the bundle's files (a generic runtime), optionally after an npm install.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const badRequest = (message) => Object.assign(new Error(message), { status: 400 });

/** Writes the files of a bundle (relative path → base64) under `root`; refuses paths that leave it. */
function writeFiles(root, files) {
  for (const [relative, base64] of Object.entries(files)) {
    const target = path.resolve(root, relative);
    if (!target.startsWith(root + path.sep)) throw badRequest(`bad bundle path ${relative}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, Buffer.from(base64, 'base64'));
  }
}

/** The generic runtime's way: install the bundle's dependencies with npm at start (npm is mounted, not in the image). */
function npmInstall(root, { npmCli, workDir }) {
  if (!npmCli) return Promise.reject(badRequest('no npm in this runtime (TAILOR_NPM_CLI)'));
  const args = [npmCli, 'install', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=dev', '--no-package-lock'];
  args.push('--cache', path.join(workDir, 'npm-cache'), '--prefix', root);
  // required here: only a generic runtime asked to install pays for loading child_process
  const { spawn } = require('node:child_process');
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

/** Writes (and installs) the bundle when it carries files; returns the folder its handler belongs to. */
async function prepareBundle({ packageJson, files, install }, { appDir, workDir, npmCli }) {
  if (!files && !install) return { root: appDir, installMs: null };
  const root = path.join(workDir, 'bundle');
  fs.mkdirSync(root, { recursive: true });
  if (packageJson) fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(packageJson));
  if (files) writeFiles(root, files);
  if (!install) return { root, installMs: null };
  const started = performance.now();
  await npmInstall(root, { npmCli, workDir });
  return { root, installMs: Math.round((performance.now() - started) * 100) / 100 };
}

/** Compiles the handler's source as `<root>/handler.js` and returns its handler function. */
function compileHandler(source, root, parent) {
  const filename = path.join(root, 'handler.js');
  const handlerModule = new Module(filename, parent);
  handlerModule.filename = filename;
  handlerModule.paths = Module._nodeModulePaths(root);
  handlerModule._compile(source, filename);
  const exported = handlerModule.exports;
  const handler = typeof exported === 'function' ? exported : exported && exported.handler;
  if (typeof handler !== 'function') throw badRequest('the bundle exports no handler function');
  return handler;
}

module.exports = { badRequest, prepareBundle, compileHandler };
