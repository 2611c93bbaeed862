'use strict';
const Jimp = require('jimp');

/** The image of the request (base64), or the application's sample image (a preloaded data file). */
exports.handler = async (event, context) => {
  const source = event.imageBase64
    ? Buffer.from(event.imageBase64, 'base64')
    : context.data(event.dataFile || 'sample.png');
  const image = await Jimp.read(source);
  const original = { width: image.bitmap.width, height: image.bitmap.height };
  const thumbnail = await image
    .cover(event.size || 64, event.size || 64)
    .quality(80)
    .getBufferAsync(Jimp.MIME_PNG);
  return { original, size: event.size || 64, bytes: thumbnail.length, thumbnailBase64: thumbnail.toString('base64') };
};
