'use strict';
const Handlebars = require('handlebars');
const { marked } = require('marked');

const layout = Handlebars.compile(
  '<!doctype html><html><head><title>{{title}}</title></head><body><h1>{{title}}</h1>{{{body}}}' +
    '<ul>{{#each tags}}<li>{{this}}</li>{{/each}}</ul><footer>{{author}}</footer></body></html>',
);

exports.handler = async (event) => {
  const html = layout({
    title: event.title,
    author: event.author,
    tags: event.tags,
    body: marked.parse(event.markdown),
  });
  return { bytes: Buffer.byteLength(html), html };
};
