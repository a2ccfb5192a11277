import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { planFor, pendingIndexCeiling, type Assumptions, type Measured } from './support/capacityPlan';

/**
 * `npm run capacity`: what 1k, 10k and 100k commands/s need on AWS (docs/CAPACITY.md), from the
 * per-command costs of the latest bench run (bench/results.json, B1 and B2) or, for what that run
 * did not measure, the figures below.
 */

/** Measured by B1 and B2 in this repository (`npm run bench -- --only B1,B2 --runs 1`, 2026-12). */
export const MEASURED_FALLBACK: Measured = {
  wcuPerCommand: 4, // B1 cost.steadyW: heads 2 + recovery index 2
  rcuPerCommand: 1, // B1 cost.steadyR
  indexWcuPerCommand: 2, // B1 cost.steadyIndex
  wcuPerProjectedEvent: 0.4, // B2 lib100.wcu (batch 100)
  rcuPerProjectedEvent: 0.4, // B2 lib100.rcu
};

/** Where each measured figure comes from in bench/results.json. */
const METRICS: Record<keyof Measured, [scenario: string, metric: string]> = {
  wcuPerCommand: ['B1', 'cost.steadyW'],
  rcuPerCommand: ['B1', 'cost.steadyR'],
  indexWcuPerCommand: ['B1', 'cost.steadyIndex'],
  wcuPerProjectedEvent: ['B2', 'lib100.wcu'],
  rcuPerProjectedEvent: ['B2', 'lib100.rcu'],
};

/** AWS's documented limits and us-east-1 prices, and the model's assumptions (docs/CAPACITY.md). */
export const ASSUMPTIONS: Assumptions = {
  partitionWcuPerSecond: 1_000, // DynamoDB: per partition, and per item (bp-partition-key-design)
  pendingShards: 32, // lib/heads DEFAULT_PENDING_SHARDS
  tableWcuPerSecondQuota: 40_000, // DynamoDB on-demand default per table (ServiceQuotas), adjustable
  eventsPerCommand: 1, // a Restock; an order's commands decide 1–2 events
  projectionsPerEvent: 1, // one read model per topic; reactors add theirs
  recordBytes: 600, // one encoded event with headers (modeled)
  replicationFactor: 3,
  eventsPerPartitionPerSecond: 1_000, // one invocation per partition at a time: 100 records in ~100 ms (modeled)
  leaderPartitionsPerBroker: 1_000, // MSK best practice for kafka.m7g.large, replicas included
  brokerIngressBytesPerSecond: 15e6, // planning figure for an m7g.large-class broker (modeled)
  minBrokers: 3,
  commandMs: 30, // AWS: GetItem + PutItem + append + UpdateItem (modeled from B9's 14 ms window)
  projectionBatch: 100,
  projectionInvocationMs: 100,
  lambdaGb: 0.5, // serverless.yml memorySize 512
  price: {
    perMillionWrites: 0.625, // DynamoDB on-demand write request units
    perMillionReads: 0.125, // on-demand read request units
    perMillionHttpRequests: 1.0, // API Gateway HTTP API, first 300 million a month
    perMillionLambdaRequests: 0.2,
    perGbSecond: 0.0000166667, // Lambda x86; arm64 is 20 % less
    brokerHour: 0.204, // MSK kafka.m7g.large, storage not included
  },
};

// Not report.ts's formatNumber: report.ts loads prettier, which a unit test cannot import.
const f = (value: number) =>
  value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });

export const RATES = [1_000, 10_000, 100_000] as const;

/** The measured figures, each from results.json when the latest run has it. */
export function measuredFrom(results: unknown): { measured: Measured; sources: string[] } {
  const scenarios = (results as { results?: { id: string; metrics: { key: string; median: number }[] }[] })
    ?.results;
  const sources: string[] = [];
  const measured = { ...MEASURED_FALLBACK };
  for (const [field, [scenario, metric]] of Object.entries(METRICS) as [keyof Measured, [string, string]][]) {
    const value = scenarios?.find((s) => s.id === scenario)?.metrics.find((m) => m.key === metric)?.median;
    if (value !== undefined && Number.isFinite(value)) {
      measured[field] = value;
      sources.push(`${field} = ${f(value)} (bench/results.json ${scenario} ${metric})`);
    } else {
      sources.push(`${field} = ${f(measured[field])} (constant in bench/capacity.ts)`);
    }
  }
  return { measured, sources };
}

export function renderPlan(measured: Measured, a: Assumptions = ASSUMPTIONS): string[] {
  const header =
    '| commands/s | partitions | brokers | command concurrency | WCU/s (all tables) | heads partitions | table quotas | recovery index partition load | $ / million commands |';
  const rows = RATES.map((rate) => planFor(rate, measured, a)).map(
    (r) =>
      `| ${f(r.commandsPerSecond)} | ${r.partitions} | ${r.brokers} | ${r.commandConcurrency} | ${f(r.writeUnitsPerSecond)} | ${r.tablePartitions} | ${r.tableQuotas} | ${f(r.pendingPartitionLoad)}× | ${f(r.totalPerMillion)} (DynamoDB ${f(r.dollarsPerMillion.dynamo)}, Lambda ${f(r.dollarsPerMillion.lambda)}, HTTP ${f(r.dollarsPerMillion.http)}, MSK ${f(r.dollarsPerMillion.msk)}) |`,
  );
  return [
    header,
    `|${' --- |'.repeat(9)}`,
    ...rows,
    '',
    `The recovery index (${a.pendingShards} shards) takes ${f(pendingIndexCeiling(measured, a))} commands/s; a load above 1× on a shard throttles the commands writing to it.`,
  ];
}

function main(): void {
  const file = path.join(__dirname, 'results.json');
  const results: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  const { measured, sources } = measuredFrom(results);
  console.log(
    ['Per-command costs:', ...sources.map((s) => `  ${s}`), '', ...renderPlan(measured)].join('\n'),
  );
}

if (require.main === module) main();
