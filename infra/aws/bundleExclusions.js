/* eslint-disable @typescript-eslint/no-require-imports -- osls require()s this CommonJS shim */
// `custom.esbuild.exclude: ${file(./infra/aws/bundleExclusions.js)}` in serverless.yml.
module.exports = async ({ resolveVariable }) => {
  const { bundleExclusions, deployedKafkaClient } = require('./loadTs')('./kafkaClient.ts');
  return bundleExclusions(await deployedKafkaClient(resolveVariable));
};
