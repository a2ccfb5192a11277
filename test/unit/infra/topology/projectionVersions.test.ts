import { functions, projectionVersion, versionGroup, versionTableName } from '../../../../infra/topology';

describe('projection versions', () => {
  it('keeps version 1 exactly the topology’s projection function', () => {
    const projectOrders = functions.find((spec) => spec.name === 'projectOrders');
    expect(projectionVersion('orderViews', 1)).toEqual(projectOrders);
  });

  it('gives version n its own function name, consumer group and redrive group on the same topic', () => {
    const v2 = projectionVersion('inventoryViews', 2);
    expect(v2).toMatchObject({
      name: 'projectInventoryV2',
      handler: 'functions/inventory/handlers/projectInventory.handler',
      msk: { topic: 'inventory', consumerGroupId: 'inventory-views-v2', startingPosition: 'TRIM_HORIZON' },
      redrive: { topic: 'lambdaFailures', consumerGroupId: 'inventory-views-v2-redrive' },
    });
  });

  it('names version n’s table and group after version 1’s', () => {
    expect(versionTableName('kes-orderViews', 1)).toBe('kes-orderViews');
    expect(versionTableName('e2e-1.kes-orderViews', 3)).toBe('e2e-1.kes-orderViews-v3');
    expect(versionGroup('accountViews', 1)).toBe('payment-views');
    expect(versionGroup('accountViews', 2)).toBe('payment-views-v2');
  });

  it('refuses a version below 1', () => {
    expect(() => projectionVersion('orderViews', 0)).toThrow(RangeError);
  });
});
