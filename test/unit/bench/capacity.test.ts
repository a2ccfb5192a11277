import { ASSUMPTIONS, MEASURED_FALLBACK, measuredFrom, renderPlan } from '../../../bench/capacity';
import { pendingIndexCeiling, planFor, type Measured } from '../../../bench/support/capacityPlan';

const measured: Measured = {
  wcuPerCommand: 8,
  rcuPerCommand: 1,
  indexWcuPerCommand: 4,
  wcuPerProjectedEvent: 0.4,
  rcuPerProjectedEvent: 0.4,
};

describe('the capacity plan', () => {
  it('prices a million commands at 1,000/s from the per-command units, by hand', () => {
    const row = planFor(1_000, measured, ASSUMPTIONS);
    // DynamoDB: (8 + 0.4) WCU × $0.625 + (1 + 0.4) RCU × $0.125 = 5.25 + 0.175
    expect(row.dollarsPerMillion.dynamo).toBeCloseTo(5.425, 6);
    // Lambda: 1.01 invocations × $0.20 + 0.5 GB × (30 ms + 1 ms) × 1e6 × $0.0000166667
    expect(row.dollarsPerMillion.lambda).toBeCloseTo(0.202 + 0.5 * 0.031 * 16.6667, 4);
    // MSK: 3 brokers × $0.204 an hour over the 3.6 million commands of that hour
    expect(row.dollarsPerMillion.msk).toBeCloseTo((3 * 0.204) / 3.6, 6);
    expect(row.writeUnitsPerSecond).toBeCloseTo(8_400, 6);
    expect(row.tablePartitions).toBe(8);
    expect(row.commandConcurrency).toBe(30);
  });

  it('spreads the recovery index over its shards: 32 × 1,000 WCU/s ÷ 4 WCU = 8,000 commands/s', () => {
    expect(pendingIndexCeiling(measured, ASSUMPTIONS)).toBe(8_000);
    expect(planFor(10_000, measured, ASSUMPTIONS).pendingPartitionLoad).toBe(1.25);
  });

  it('sizes partitions by one invocation per partition at a time, and brokers by replicas and bytes in threes', () => {
    const row = planFor(100_000, measured, ASSUMPTIONS);
    expect(row.partitions).toBe(100);
    // 100,000 × 600 B × 3 replicas = 180 MB/s ÷ 15 MB/s = 12 brokers (partitions: 300 replicas ≤ 1,000)
    expect(row.brokers).toBe(12);
    expect(row.tableQuotas).toBe(20);
  });

  it('takes each measured figure from the latest results when present, else the named constant', () => {
    const results = { results: [{ id: 'B1', metrics: [{ key: 'cost.steadyW', median: 2 }] }] };
    const { measured: taken, sources } = measuredFrom(results);
    expect(taken).toEqual({ ...MEASURED_FALLBACK, wcuPerCommand: 2 });
    expect(sources[0]).toContain('B1 cost.steadyW');
    expect(measuredFrom(undefined).measured).toEqual(MEASURED_FALLBACK);
  });

  it('renders one row per rate', () => {
    expect(renderPlan(measured).filter((line) => /^\| \d/.test(line))).toHaveLength(3);
  });
});
