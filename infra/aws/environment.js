/* eslint-disable @typescript-eslint/no-require-imports -- osls require()s this CommonJS shim */
// `provider.environment: ${file(./infra/aws/environment.js)}` in serverless.yml; every function
// gets the table of each deployed projection version ≥ 2 (`<projection>Versions` params) and the
// event log's client (`kafkaClient` param, which also decides what esbuild bundles). The `local`
// stage gets npm start's variables instead (infra/aws/localStage.ts).
module.exports = async ({ resolveVariable }) => {
  if ((await resolveVariable('sls:stage')) === 'local')
    return require('./loadTs')('./localStage.ts').localStageEnvironment();
  const { deployedVersionsFrom } = require('./loadTs')('./versionParams.ts');
  const { deployedKafkaClient } = require('./loadTs')('./kafkaClient.ts');
  const versions = await deployedVersionsFrom(resolveVariable);
  const KAFKA_CLIENT = await deployedKafkaClient(resolveVariable);
  return { ...require('./loadTs')('./serverlessFunctions.ts').oslsEnvironment(versions), KAFKA_CLIENT };
};
