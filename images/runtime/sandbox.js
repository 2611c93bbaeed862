'use strict';
// What the runtime can see of its own confinement, so that a test can assert it from inside the container.
const fs = require('node:fs');

const readFirst = (paths) => {
  for (const file of paths) {
    try {
      return fs.readFileSync(file, 'utf8').trim();
    } catch {
      // try the next cgroup layout
    }
  }
  return null;
};

const statusField = (status, field) => {
  const line = status.split('\n').find((row) => row.startsWith(`${field}:`));
  return line ? line.slice(field.length + 1).trim() : null;
};

function describeSandbox() {
  const status = readFirst(['/proc/self/status']) ?? '';
  let rootWritable = true;
  try {
    fs.writeFileSync('/.tailor-write-probe', 'x');
    fs.rmSync('/.tailor-write-probe');
  } catch (error) {
    rootWritable = error.code !== 'EROFS' && error.code !== 'EACCES' ? true : false;
  }
  return {
    uid: process.getuid(),
    gid: process.getgid(),
    capEff: statusField(status, 'CapEff'),
    capBnd: statusField(status, 'CapBnd'),
    noNewPrivs: statusField(status, 'NoNewPrivs'),
    rootWritable,
    pidsMax: readFirst(['/sys/fs/cgroup/pids/pids.max', '/sys/fs/cgroup/pids.max']),
    memoryMaxBytes: readFirst(['/sys/fs/cgroup/memory/memory.limit_in_bytes', '/sys/fs/cgroup/memory.max']),
  };
}

module.exports = { describeSandbox };
