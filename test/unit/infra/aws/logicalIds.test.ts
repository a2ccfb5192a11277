import {
  lambdaLogicalId,
  logGroupLogicalId,
  mskEventSourceMappingLogicalId,
} from '../../../../infra/aws/logicalIds';
import { functions } from '../../../../infra/topology';

interface OslsNaming {
  getLambdaLogicalId(functionName: string): string;
  getLogGroupLogicalId(functionName: string): string;
  getMSKEventLogicalId(functionName: string, clusterName: string, topic: string): string;
}

// The installed osls's own naming module: the ids must be the ones it generates.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const naming = require('serverless/lib/plugins/aws/lib/naming') as OslsNaming;

describe('logical ids', () => {
  const names = [...functions.map((spec) => spec.name), 'with-dash_and_underscore'];

  it.each(names)('match osls for function %s', (name) => {
    expect(lambdaLogicalId(name)).toBe(naming.getLambdaLogicalId(name));
    expect(logGroupLogicalId(name)).toBe(naming.getLogGroupLogicalId(name));
    expect(mskEventSourceMappingLogicalId(name, 'KafkaCluster', 'dead-letters')).toBe(
      naming.getMSKEventLogicalId(name, 'KafkaCluster', 'dead-letters'),
    );
  });

  it('spell out an event source mapping id', () => {
    expect(mskEventSourceMappingLogicalId('projectOrders', 'KafkaCluster', 'orders')).toBe(
      'ProjectOrdersEventSourceMappingMSKKafkaClusterOrders',
    );
  });
});
