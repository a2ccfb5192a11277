import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Kafka } from 'kafkajs';
import type { EventEnvelope } from '../../lib/envelope/eventEnvelope';
import { encodeEnvelope } from '../../lib/envelope/kafkaCodec';
import { itemBytes, writeUnits } from '../../lib/dynamodb/itemSize';
import { createIndexHandler } from '../../lib/history/indexHandler';
import { DynamoEventIndex } from '../../lib/history/dynamoEventIndex';
import { paymentCatalog, type PaymentEvent } from '../../functions/payment/domain/paymentEvents';
import { accountView, type AccountView } from '../../functions/payment/projection/accountView';
import { ensureTopic } from '../support/kafka';
import { projectTopic } from '../support/projectTopic';
import { nowMs } from '../stats';

/**
 * B7's log: `events` deposits over 1,000 accounts, interleaved round-robin — the worst case for
 * the index (no two consecutive versions of an account in one batch) and for reads (every event of
 * an account in its own place). The probes are 20 accounts of exactly 100 events, spread over the
 * first tenth of the log (`probeSpan`): they are read after the log has grown to that size and again at its
 * full size, so any cost that grows with the partition shows as a difference.
 */
export const B7 = {
  accounts: 1_000,
  probes: 20,
  probeEvents: 100,
  partitions: 6,
  /** The index projection's batch size in the topology (`index` mappings). */
  indexBatchSize: 100,
} as const;

export interface B7Log {
  readonly topic: string;
  readonly events: number;
  readonly probeSpan: number;
  /** Each account's document after every one of its events, folded in memory: what reads must give. */
  readonly expected: Map<string, { version: number; doc: AccountView }>;
  /** The time of each probe's 50th event: the instant the `at` reads ask for. */
  readonly probeMidTimes: Map<string, string>;
}

const EPOCH = Date.parse('2026-01-01T00:00:00Z');
const SEND_SIZE = 60;
const SENDS_IN_FLIGHT = 8;
export const probeId = (n: number) => `probe-${String(n).padStart(2, '0')}`;
const otherId = (n: number) => `acct-${String(n).padStart(4, '0')}`;

/** Which account the i-th event of the log belongs to. */
function ownerOf(i: number, probeSpan: number, others: { next: number }): string {
  const every = probeSpan / (B7.probes * B7.probeEvents);
  if (i < probeSpan && i % every === 0) return probeId((i / every) % B7.probes);
  const id = otherId(others.next % (B7.accounts - B7.probes));
  others.next += 1;
  return id;
}

export function planLog(topic: string, events: number): B7Log {
  if (events % 20_000 !== 0) throw new Error(`B7_EVENTS must be a multiple of 20,000 (got ${events})`);
  const probeSpan = events / 10;
  return { topic, events, probeSpan, expected: new Map(), probeMidTimes: new Map() };
}

/**
 * Produces events [from, to) of the plan, as commands would encode them, in small sends (about 10
 * records per partition batch, like a busy service's transactions; one huge batch per partition would
 * make every read fetch and decode it whole). Sends run 8 at a time: no account has two events within
 * 8 × 60 consecutive events (round-robin over 980; probes every 50 × 20), so versions stay in order.
 */
export async function produceLog(kafka: Kafka, log: B7Log, from: number, to: number): Promise<number> {
  const started = nowMs();
  await ensureTopic(kafka, log.topic, B7.partitions);
  const producer = kafka.producer();
  await producer.connect();
  const others = { next: from - Math.min(from, countProbeSlots(log, from)) };
  const sends: { key: string; value: string; headers: Record<string, string> }[][] = [];
  try {
    for (let i = from; i < to; i += 1) {
      const record = encodeEnvelope(nextEnvelope(log, i, ownerOf(i, log.probeSpan, others)), paymentCatalog);
      if ((i - from) % SEND_SIZE === 0) sends.push([]);
      sends.at(-1)!.push({ key: record.key, value: record.value, headers: { ...record.headers } });
      const full = sends.length === SENDS_IN_FLIGHT && sends.at(-1)!.length === SEND_SIZE;
      if (full || i === to - 1) {
        await Promise.all(sends.map((messages) => producer.send({ topic: log.topic, acks: -1, messages })));
        sends.length = 0;
      }
    }
  } finally {
    await producer.disconnect();
  }
  return nowMs() - started;
}

function countProbeSlots(log: B7Log, before: number): number {
  const every = log.probeSpan / (B7.probes * B7.probeEvents);
  return Math.ceil(Math.min(before, log.probeSpan) / every);
}

function nextEvent(i: number): PaymentEvent {
  return { type: 'Deposited', data: { amount: 1 + (i % 100) } };
}

function nextEnvelope(log: B7Log, i: number, aggregateId: string): EventEnvelope<PaymentEvent> {
  const current = log.expected.get(aggregateId);
  const version = (current?.version ?? 0) + 1;
  const envelope: EventEnvelope<PaymentEvent> = {
    id: `account/${aggregateId}/${version}`,
    source: 'urn:service:payment',
    time: new Date(EPOCH + i * 1000).toISOString(),
    aggregateId,
    aggregateType: 'account',
    aggregateVersion: version,
    schemaVersion: 1,
    correlationId: `bench-${i}`,
    commandId: `cmd-${i}`,
    event: nextEvent(i),
  };
  log.expected.set(aggregateId, { version, doc: accountView.evolve(current?.doc, envelope) });
  if (version === B7.probeEvents / 2 && aggregateId.startsWith('probe-'))
    log.probeMidTimes.set(aggregateId, envelope.time);
  return envelope;
}

/** What indexing a stretch of the log wrote: items and write units by DynamoDB's billing rules. */
export interface IndexCost {
  readonly records: number;
  readonly items: number;
  readonly writeUnits: number;
  readonly largestItemBytes: number;
  readonly ms: number;
}

/**
 * Runs the real index handler behind the MSK event source emulator (the topology's batch size, one
 * consumer group for the whole scenario) over `records` more records, pricing every put: an index
 * item replaced by a redelivery is billed as a new one (the larger of before and after is the
 * same size).
 */
export async function indexLog(
  kafka: Kafka,
  client: DynamoDBClient,
  table: string,
  options: { topic: string; groupId: string; records: number },
): Promise<IndexCost> {
  const cost = { items: 0, writeUnits: 0, largestItemBytes: 0 };
  const middleware = 'b7IndexMeter';
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'BatchWriteItemCommand') {
        const input = args.input as {
          RequestItems: Record<string, { PutRequest?: { Item: Parameters<typeof itemBytes>[0] } }[]>;
        };
        for (const request of input.RequestItems[table] ?? []) {
          const item = request.PutRequest?.Item;
          if (!item) continue;
          cost.items += 1;
          cost.writeUnits += writeUnits(undefined, item);
          cost.largestItemBytes = Math.max(cost.largestItemBytes, itemBytes(item));
        }
      }
      return next(args);
    },
    { step: 'initialize', name: middleware },
  );
  try {
    const handler = createIndexHandler({ index: new DynamoEventIndex(client, table), log: () => undefined });
    const result = await projectTopic({
      kafka,
      topic: options.topic,
      groupId: options.groupId,
      batchSize: B7.indexBatchSize,
      records: options.records,
      handler,
      timeoutMs: 1_800_000,
    });
    return { records: options.records, ...cost, ms: result.ms };
  } finally {
    client.middlewareStack.remove(middleware);
  }
}
