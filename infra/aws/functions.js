/* eslint-disable @typescript-eslint/no-require-imports -- osls require()s this CommonJS shim */
// `functions: ${file(./infra/aws/functions.js)}` in serverless.yml.
module.exports = () => require('./loadTs')('./serverlessFunctions.ts').oslsFunctions();
