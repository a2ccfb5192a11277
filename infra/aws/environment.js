/* eslint-disable @typescript-eslint/no-require-imports -- osls require()s this CommonJS shim */
// `provider.environment: ${file(./infra/aws/environment.js)}` in serverless.yml.
module.exports = () => require('./loadTs')('./serverlessFunctions.ts').oslsEnvironment();
