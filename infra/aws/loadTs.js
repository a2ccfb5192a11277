/* eslint-disable @typescript-eslint/no-require-imports -- osls require()s these CommonJS shims */
// osls reads the shims next to this file with require(); tsx's require hook lets them load the
// TypeScript generators, so the stack is described once, in typed code, from infra/topology.ts.
const { require: requireTs } = require('tsx/cjs/api');

module.exports = (path) => requireTs(path, module.filename);
