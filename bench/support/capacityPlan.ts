/**
 * What a rate of commands needs on AWS, from the measured cost of one command (B1) and of one
 * projected event (B2) and AWS's documented limits and prices (docs/CAPACITY.md says which is which).
 * Pure arithmetic: bench/capacity.ts feeds it and prints it.
 */

/** Measured here (bench/results.json, or the constants in bench/capacity.ts). */
export interface Measured {
  /** Write units per command at steady state, every table and index. */
  readonly wcuPerCommand: number;
  readonly rcuPerCommand: number;
  /** Write units per command on the heads' recovery index (spread over its shards). */
  readonly indexWcuPerCommand: number;
  readonly wcuPerProjectedEvent: number;
  readonly rcuPerProjectedEvent: number;
}

/** AWS's documented limits and prices, and the assumptions of the model (each named in CAPACITY.md). */
export interface Assumptions {
  readonly partitionWcuPerSecond: number;
  /** Values of the recovery index's partition key (lib/heads: DEFAULT_PENDING_SHARDS). */
  readonly pendingShards: number;
  readonly tableWcuPerSecondQuota: number;
  readonly eventsPerCommand: number;
  readonly projectionsPerEvent: number;
  readonly recordBytes: number;
  readonly replicationFactor: number;
  readonly eventsPerPartitionPerSecond: number;
  readonly leaderPartitionsPerBroker: number;
  readonly brokerIngressBytesPerSecond: number;
  readonly minBrokers: number;
  readonly commandMs: number;
  readonly projectionBatch: number;
  readonly projectionInvocationMs: number;
  readonly lambdaGb: number;
  readonly price: {
    readonly perMillionWrites: number;
    readonly perMillionReads: number;
    readonly perMillionHttpRequests: number;
    readonly perMillionLambdaRequests: number;
    readonly perGbSecond: number;
    readonly brokerHour: number;
  };
}

export interface PlanRow {
  readonly commandsPerSecond: number;
  readonly partitions: number;
  readonly brokers: number;
  readonly commandConcurrency: number;
  readonly projectionConcurrency: number;
  readonly writeUnitsPerSecond: number;
  /** Base-table partitions the write rate alone needs (DynamoDB splits on demand by itself). */
  readonly tablePartitions: number;
  /** Default per-table on-demand quotas the write rate fills (a quota increase past 1). */
  readonly tableQuotas: number;
  /** Load on each recovery index partition (one shard): above 1 it throttles the command path. */
  readonly pendingPartitionLoad: number;
  readonly dollarsPerMillion: {
    readonly dynamo: number;
    readonly lambda: number;
    readonly http: number;
    readonly msk: number;
  };
  readonly totalPerMillion: number;
}

const perMillion = (unitsPerCommand: number, pricePerMillion: number) => unitsPerCommand * pricePerMillion;

/** The partitions a topic needs: one invocation per partition at a time, and the brokers' leaders. */
function partitionsFor(rate: number, a: Assumptions): number {
  return Math.max(6, Math.ceil((rate * a.eventsPerCommand) / a.eventsPerPartitionPerSecond));
}

function brokersFor(rate: number, partitions: number, a: Assumptions): number {
  const byPartitions = Math.ceil((partitions * a.replicationFactor) / a.leaderPartitionsPerBroker);
  const ingress = rate * a.eventsPerCommand * a.recordBytes * a.replicationFactor;
  const byBytes = Math.ceil(ingress / a.brokerIngressBytesPerSecond);
  // Brokers come in multiples of the availability zones (three).
  return Math.max(a.minBrokers, Math.ceil(Math.max(byPartitions, byBytes) / 3) * 3);
}

/** One row of the plan for `rate` commands per second. */
export function planFor(rate: number, m: Measured, a: Assumptions): PlanRow {
  const partitions = partitionsFor(rate, a);
  const brokers = brokersFor(rate, partitions, a);
  const projected = a.eventsPerCommand * a.projectionsPerEvent;
  const wcu = m.wcuPerCommand + projected * m.wcuPerProjectedEvent;
  const rcu = m.rcuPerCommand + projected * m.rcuPerProjectedEvent;
  const invocations = 1 + projected / a.projectionBatch;
  const gbSeconds =
    (a.lambdaGb * (a.commandMs + (projected / a.projectionBatch) * a.projectionInvocationMs)) / 1000;
  const dollars = {
    dynamo: perMillion(wcu, a.price.perMillionWrites) + perMillion(rcu, a.price.perMillionReads),
    lambda: perMillion(invocations, a.price.perMillionLambdaRequests) + gbSeconds * 1e6 * a.price.perGbSecond,
    http: a.price.perMillionHttpRequests,
    msk: (brokers * a.price.brokerHour * 1e6) / (rate * 3600),
  };
  return {
    commandsPerSecond: rate,
    partitions,
    brokers,
    commandConcurrency: Math.ceil((rate * a.commandMs) / 1000),
    projectionConcurrency: Math.min(
      partitions * a.projectionsPerEvent,
      Math.ceil((rate * projected * a.projectionInvocationMs) / (1000 * a.projectionBatch)),
    ),
    writeUnitsPerSecond: rate * wcu,
    tablePartitions: Math.ceil((rate * m.wcuPerCommand) / a.partitionWcuPerSecond),
    tableQuotas: Math.ceil((rate * m.wcuPerCommand) / a.tableWcuPerSecondQuota),
    pendingPartitionLoad: (rate * m.indexWcuPerCommand) / a.pendingShards / a.partitionWcuPerSecond,
    dollarsPerMillion: dollars,
    totalPerMillion: dollars.dynamo + dollars.lambda + dollars.http + dollars.msk,
  };
}

/** The commands per second the recovery index takes: its shards' partitions, each 1,000 WCU/s. */
export const pendingIndexCeiling = (m: Measured, a: Assumptions) =>
  (a.pendingShards * a.partitionWcuPerSecond) / m.indexWcuPerCommand;
