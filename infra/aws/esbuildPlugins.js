/* eslint-disable @typescript-eslint/no-require-imports -- serverless-esbuild require()s this shim */
// `custom.esbuild.plugins` in serverless.yml: the esbuild plugins of the deployed bundles.
module.exports = [require('./loadTs')('./ownSourceMaps.ts').ownSourceMapsPlugin];
