'use strict';
// Prints (JSON) the files that loading the image's preload libraries normally reads, in the order their loads complete
// (dependencies first): build-snapshot.js hands it to snapshot-entry.js for libraries that cannot be snapshotted whole.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const home = process.env.TAILOR_HOME || '/opt/tailor';
const manifest = JSON.parse(fs.readFileSync(path.join(home, 'preload.json'), 'utf8'));
const order = [];
const load = Module.prototype.load;
Module.prototype.load = function recordedLoad(filename) {
  const result = load.apply(this, arguments);
  order.push(filename);
  return result;
};
const appRequire = Module.createRequire(path.join(home, 'app', 'package.json'));
for (const name of manifest.preload) {
  try {
    appRequire(name);
  } catch {
    // the runtime reports it as a preload error
  }
}
process.stdout.write(JSON.stringify(order));
