'use strict';
const archiver = require('archiver');
const { createHash } = require('node:crypto');

function pack(format, options, files) {
  return new Promise((resolve, reject) => {
    const archive = archiver(format, options);
    const chunks = [];
    archive.on('data', (chunk) => chunks.push(chunk));
    archive.on('end', () => resolve(Buffer.concat(chunks)));
    archive.on('error', reject);
    for (const file of files)
      archive.append(file.content.repeat(file.repeat || 1), { name: file.name, date: new Date(0) });
    archive.finalize().catch(reject);
  });
}

exports.handler = async (event) => {
  const zip = await pack('zip', { zlib: { level: 9 } }, event.files);
  const tarGz = await pack('tar', { gzip: true }, event.files);
  const input = event.files.reduce((sum, file) => sum + file.content.length * (file.repeat || 1), 0);
  return {
    inputBytes: input,
    zipBytes: zip.length,
    tarGzBytes: tarGz.length,
    zipSha256: createHash('sha256').update(zip).digest('hex'),
  };
};
