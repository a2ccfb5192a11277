/* eslint-disable @typescript-eslint/no-require-imports -- osls require()s this CommonJS shim */
// `provider.environment: ${file(./infra/aws/environment.js)}` in serverless.yml; every function
// gets the table of each deployed projection version ≥ 2 (`<projection>Versions` params). The
// `local` stage gets npm start's variables instead (infra/aws/localStage.ts).
module.exports = async ({ resolveVariable }) => {
  if ((await resolveVariable('sls:stage')) === 'local')
    return require('./loadTs')('./localStage.ts').localStageEnvironment();
  const { deployedVersionsFrom } = require('./loadTs')('./versionParams.ts');
  const versions = await deployedVersionsFrom(resolveVariable);
  return require('./loadTs')('./serverlessFunctions.ts').oslsEnvironment(versions);
};
