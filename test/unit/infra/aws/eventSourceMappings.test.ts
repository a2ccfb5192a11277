import { eventSourceMappingExtensions } from '../../../../infra/aws/eventSourceMappings';
import { clusterArn } from '../../../../infra/aws/parameters';
import { oslsFunctions, PROVISIONED_POLLERS } from '../../../../infra/aws/serverlessFunctions';
import { mskEventSourceMappingLogicalId } from '../../../../infra/aws/logicalIds';
import { functions, topics } from '../../../../infra/topology';

describe('eventSourceMappingExtensions', () => {
  const extensions = eventSourceMappingExtensions();

  it('extends both mappings of every consuming function, after the topics exist', () => {
    expect(Object.keys(extensions)).toHaveLength(2 * functions.filter((spec) => spec.msk).length);
    expect(extensions.InventoryReactsToOrdersEventSourceMappingMSKKafkaClusterOrders).toEqual({
      Properties: {
        EventSourceArn: clusterArn,
        MaximumBatchingWindowInSeconds: 0,
        MaximumRetryAttempts: 10,
        BisectBatchOnFunctionError: true,
        DestinationConfig: { OnFailure: { Destination: 'kafka://lambda-failures' } },
      },
      DependsOn: ['KafkaTopics'],
    });
    // The redrive mapping keeps the on-demand defaults: retried until it succeeds, no destination.
    expect(extensions.InventoryReactsToOrdersEventSourceMappingMSKKafkaClusterLambdafailures).toEqual({
      Properties: { EventSourceArn: clusterArn, MaximumBatchingWindowInSeconds: 1 },
      DependsOn: ['KafkaTopics'],
    });
  });

  // osls leaves MaximumBatchingWindowInSeconds out when it is 0, which AWS reads as 500 ms.
  it('sets every window explicitly, 0 included', () => {
    for (const spec of functions.filter((each) => each.msk)) {
      const id = mskEventSourceMappingLogicalId(spec.name, 'KafkaCluster', topics[spec.msk!.topic].name);
      expect(extensions[id]!.Properties.MaximumBatchingWindowInSeconds).toBe(spec.msk!.maximumBatchingWindow);
    }
  });
});

describe('oslsFunctions', () => {
  const osls = oslsFunctions();

  it('declares each msk event with the topology settings in provisioned mode', () => {
    expect(osls.projectAccounts!.events).toEqual([
      {
        msk: {
          arn: { Ref: 'KafkaCluster' },
          topic: 'payments',
          consumerGroupId: 'payment-views',
          batchSize: 100,
          maximumBatchingWindow: 0,
          startingPosition: 'TRIM_HORIZON',
          provisionedPollerConfig: PROVISIONED_POLLERS,
        },
      },
      {
        msk: {
          arn: { Ref: 'KafkaCluster' },
          topic: 'lambda-failures',
          consumerGroupId: 'payment-views-redrive',
          batchSize: 10,
          maximumBatchingWindow: 1,
          startingPosition: 'TRIM_HORIZON',
        },
      },
    ]);
  });

  it('puts only Kafka clients in the VPC: what produces, consumes or reads the log back', () => {
    expect(osls.placeOrder).toHaveProperty('vpc');
    expect(osls.projectOrders).toHaveProperty('vpc');
    expect(osls.getOrder).toHaveProperty('vpc'); // past states are folded from the log
    expect(osls.listOrders).not.toHaveProperty('vpc');
    expect(osls.health).not.toHaveProperty('vpc');
  });

  it('puts every route behind the JWT authorizer, with its scopes, but /health and /openapi.json', () => {
    expect(osls.placeOrder!.events).toEqual([
      { httpApi: { method: 'POST', path: '/orders', authorizer: { name: 'jwt' } } },
    ]);
    expect(osls.getOrder!.events).toEqual([
      { httpApi: { method: 'GET', path: '/orders/{orderId}', authorizer: { name: 'jwt' } } },
    ]);
    expect(osls.restockInventory!.events).toEqual([
      {
        httpApi: {
          method: 'POST',
          path: '/inventory/{sku}/restocks',
          authorizer: { name: 'jwt', scopes: ['inventory:write'] },
        },
      },
    ]);
    expect(osls.health!.events).toEqual([{ httpApi: { method: 'GET', path: '/health' } }]);
  });

  it('adds the topics custom resource’s function', () => {
    expect(osls.kafkaTopics).toMatchObject({ handler: 'infra/aws/kafkaTopicsHandler.handler', events: [] });
  });
});
