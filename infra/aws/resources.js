/* eslint-disable @typescript-eslint/no-require-imports -- osls require()s this CommonJS shim */
// `resources: ${file(./infra/aws/resources.js)}` in serverless.yml; the cluster params become the
// defaults of the stack's CloudFormation parameters, the `<projection>Versions` params say which
// projection versions get a table and a role.
const PARAMS = [
  'existingKafkaClusterArn',
  'existingSubnetIds',
  'existingSecurityGroupIds',
  'kafkaBrokerInstanceType',
];

module.exports = async ({ resolveVariable }) => {
  const settings = {
    service: await resolveVariable('self:service'),
    stage: await resolveVariable('sls:stage'),
  };
  for (const name of PARAMS) settings[name] = await resolveVariable(`param:${name}`);
  const { deployedVersionsFrom } = require('./loadTs')('./versionParams.ts');
  settings.versions = await deployedVersionsFrom(resolveVariable);
  return require('./loadTs')('./resources.ts').oslsResources(settings);
};
