'use strict';
// The snapshot of last resort (build-snapshot.js): no libraries, the runtime loads its preloads from disk.
globalThis.__tailorSnapshot = { modules: [], failed: [] };
