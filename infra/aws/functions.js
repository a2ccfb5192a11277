/* eslint-disable @typescript-eslint/no-require-imports -- osls require()s this CommonJS shim */
// `functions: ${file(./infra/aws/functions.js)}` in serverless.yml; the `<projection>Versions`
// params say which versions of each projection get a function. The `local` stage names npm
// start's tables in their variables (infra/aws/localStage.ts).
module.exports = async ({ resolveVariable }) => {
  const { deployedVersionsFrom } = require('./loadTs')('./versionParams.ts');
  const versions = await deployedVersionsFrom(resolveVariable);
  if ((await resolveVariable('sls:stage')) === 'local')
    return require('./loadTs')('./localStage.ts').localStageFunctions(versions);
  return require('./loadTs')('./serverlessFunctions.ts').oslsFunctions(versions);
};
