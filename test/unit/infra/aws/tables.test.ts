import { indexArnsOf, tableLogicalId, tableResource, tableResources } from '../../../../infra/aws/tables';
import { tables } from '../../../../infra/topology';
import { createTableInput } from '../../../../lib/dynamodb/createTable';

describe('tableResource', () => {
  it('declares the same keys and indexes as the local CreateTable input', () => {
    const resource = tableResource(tables.orderViews);
    const local = createTableInput('any', tables.orderViews.definition);
    expect(resource.Properties).toMatchObject({
      AttributeDefinitions: local.AttributeDefinitions,
      KeySchema: local.KeySchema,
      GlobalSecondaryIndexes: local.GlobalSecondaryIndexes,
    });
    expect(resource.Properties).not.toHaveProperty('TableName');
  });

  it('bills on demand, keeps point-in-time recovery and encrypts every table', () => {
    for (const resource of Object.values(tableResources())) {
      expect(resource.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    }
  });

  it('turns on TTL for idempotency keys only', () => {
    expect(tableResource(tables.idempotency).Properties.TimeToLiveSpecification).toEqual({
      AttributeName: 'expiresAt',
      Enabled: true,
    });
    expect(tableResource(tables.orderHeads).Properties).not.toHaveProperty('TimeToLiveSpecification');
  });

  it('retains state on stack deletion and lets rebuildable views go', () => {
    expect(tableResource(tables.orderHeads)).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(tableResource(tables.checkpoints).DeletionPolicy).toBe('Retain');
    expect(tableResource(tables.orderViews).DeletionPolicy).toBe('Delete');
  });
});

describe('table ids and ARNs', () => {
  it('derives logical ids from the topology keys', () => {
    expect(Object.keys(tableResources())).toContain('OrderHeadsTable');
    expect(tableLogicalId('idempotency')).toBe('IdempotencyTable');
  });

  it('names each index ARN under its table', () => {
    expect(indexArnsOf('orderHeads')).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['OrderHeadsTable', 'Arn'] }, '/index/pending-by-shard']] },
    ]);
    expect(indexArnsOf('idempotency')).toEqual([]);
  });
});
