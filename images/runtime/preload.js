'use strict';
// What a runtime loads before it says it is ready: the image's preload manifest (libraries and data files). Libraries a
// startup snapshot carries (snapshot-entry.js) are put into the module cache first, so requiring them costs nothing.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const EMPTY_MANIFEST = { profileHash: null, libraries: [], preload: [], preloadedData: [] };

function readManifest(home) {
  try {
    return { ...EMPTY_MANIFEST, ...JSON.parse(fs.readFileSync(path.join(home, 'preload.json'), 'utf8')) };
  } catch {
    return EMPTY_MANIFEST;
  }
}

/** Puts the modules of the startup snapshot (if the process started from one) into the module cache. */
function restoreSnapshot() {
  const snapshot = globalThis.__tailorSnapshot;
  if (!snapshot) return { modules: 0, failed: [] };
  globalThis.__tailorRequire = require;
  for (const record of snapshot.modules) {
    Object.setPrototypeOf(record, Module.prototype);
    Module._cache[record.filename] = record;
  }
  return { modules: snapshot.modules.length, failed: snapshot.failed.map(({ name }) => name) };
}

/** Requires each preload library as the application would, and reads each preloaded data file into memory. */
function preload(manifest, { appDir, dataDir }) {
  const errors = [];
  const data = new Map();
  const appRequire = Module.createRequire(path.join(appDir, 'package.json'));
  for (const name of manifest.preload) {
    try {
      appRequire(name);
    } catch (error) {
      errors.push({ name, error: error.message });
    }
  }
  for (const file of manifest.preloadedData) {
    try {
      data.set(file, fs.readFileSync(path.join(dataDir, file)));
    } catch (error) {
      errors.push({ name: `data:${file}`, error: error.message });
    }
  }
  return { errors, data };
}

module.exports = { readManifest, restoreSnapshot, preload };
