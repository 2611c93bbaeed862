'use strict';
// Records which npm packages (name + version) the process loads, through Node's module loader, and in which phase
// (preload before ready, or handler). It stands in for Tailor's profiling agent (libs/profiling-agent) and keeps the same
// shape of report, so that the runtime can swap to the agent by replacing this file: createModuleTracker() → { phase(name),
// report() }.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/** The package a file belongs to: the last node_modules segment of its path, scoped names kept whole. */
function packageRootOf(filename) {
  if (typeof filename !== 'string') return null;
  const index = filename.lastIndexOf(NODE_MODULES);
  if (index < 0) return null;
  const rest = filename.slice(index + NODE_MODULES.length).split(path.sep);
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return { name, root: filename.slice(0, index + NODE_MODULES.length) + name };
}

function createModuleTracker() {
  const versions = new Map(); // package root → version
  const packages = new Map(); // name → { name, version, firstPhase, directIn: Set<phase> }
  let current = 'startup';

  const versionOf = (root) => {
    if (!versions.has(root)) {
      let version = null;
      try {
        version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version ?? null;
      } catch {
        version = null;
      }
      versions.set(root, version);
    }
    return versions.get(root);
  };

  const note = (filename, parent) => {
    const owner = packageRootOf(filename);
    if (!owner) return;
    let entry = packages.get(owner.name);
    if (!entry) {
      entry = { name: owner.name, version: versionOf(owner.root), firstPhase: current, directIn: new Set() };
      packages.set(owner.name, entry);
    }
    // a direct use: required by application code (the runtime or the handler), not by another package
    if (!packageRootOf(parent && parent.filename)) entry.directIn.add(current);
  };

  const originalLoad = Module._load;
  Module._load = function trackedLoad(request, parent, isMain) {
    const exported = originalLoad.apply(this, arguments);
    if (!request.startsWith('node:') && !Module.isBuiltin(request)) {
      try {
        note(Module._resolveFilename(request, parent, isMain), parent);
      } catch {
        // a request that loaded but does not resolve again (a virtual module): nothing to record
      }
    }
    return exported;
  };

  return {
    phase(name) {
      current = name;
    },
    report() {
      const all = [...packages.values()];
      const direct = (phase) => all.filter((entry) => entry.directIn.has(phase)).map((entry) => entry.name);
      const preloaded = new Set(direct('preload'));
      const usedByHandler = new Set(direct('handler'));
      return {
        loaded: all.map(({ name, version, firstPhase }) => ({ name, version, phase: firstPhase })),
        preloaded: [...preloaded].sort(),
        misses: [...usedByHandler].filter((name) => !preloaded.has(name)).sort(),
        unusedPreloads: [...preloaded].filter((name) => !usedByHandler.has(name)).sort(),
      };
    },
  };
}

module.exports = { createModuleTracker, packageRootOf };
