/* eslint-disable @typescript-eslint/no-require-imports -- osls require()s this CommonJS shim */
// `functions: ${file(./infra/aws/functions.js)}` in serverless.yml; the `<projection>Versions`
// params say which versions of each projection get a function.
module.exports = async ({ resolveVariable }) => {
  const { deployedVersionsFrom } = require('./loadTs')('./versionParams.ts');
  const versions = await deployedVersionsFrom(resolveVariable);
  return require('./loadTs')('./serverlessFunctions.ts').oslsFunctions(versions);
};
