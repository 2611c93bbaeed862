// The generated fetch clients name the DOM's BodyInit; the project compiles without the DOM lib, and Node's fetch types
// (undici-types, shipped with @types/node) declare the same type.
type BodyInit = import('undici-types').BodyInit;
