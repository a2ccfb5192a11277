import type { Kafka } from 'kafkajs';
import type { EventEnvelope } from '../../lib/envelope/eventEnvelope';
import { encodeEnvelope } from '../../lib/envelope/kafkaCodec';
import { inventoryCatalog, type InventoryEvent } from '../../functions/inventory/domain/inventoryEvents';
import { inventoryView, type InventoryView } from '../../functions/inventory/projection/inventoryView';
import { countRecords, ensureTopic } from './kafka';
import { seededRandom, zipfSampler } from './zipf';

export interface EventTopicSpec {
  readonly topic: string;
  readonly events: number;
  readonly aggregates: number;
  readonly zipfExponent: number;
  readonly partitions: number;
}

export interface EventWorkload {
  /** Events per aggregate id. */
  readonly counts: Map<string, number>;
  /** The snapshots a correct projection ends with: the events folded in memory. */
  readonly expected: Map<string, { version: number; doc: InventoryView }>;
}

const PRODUCE_CHUNK = 2_000;
const EPOCH = Date.parse('2026-01-01T00:00:00Z');

/** The i-th event of the workload: mostly restocks, some reservations of what is available. */
function nextEvent(i: number, random: () => number, doc: InventoryView | undefined): InventoryEvent {
  if (doc && doc.available > 0 && random() < 0.3) {
    return { type: 'StockReserved', data: { orderId: `o-${i}`, quantity: 1 } };
  }
  return { type: 'Restocked', data: { quantity: 1 + (i % 5) } };
}

/** Generates the workload deterministically (seeded), in topic order, encoding each event as a command would. */
function* generate(spec: EventTopicSpec, workload: EventWorkload) {
  const random = seededRandom(20_260_101);
  const draw = zipfSampler(spec.aggregates, spec.zipfExponent, random);
  for (let i = 0; i < spec.events; i += 1) {
    const aggregateId = `sku-${String(draw()).padStart(4, '0')}`;
    const current = workload.expected.get(aggregateId);
    const version = (current?.version ?? 0) + 1;
    const envelope: EventEnvelope<InventoryEvent> = {
      id: `inventory/${aggregateId}/${version}`,
      source: 'urn:service:inventory',
      time: new Date(EPOCH + i).toISOString(),
      aggregateId,
      aggregateType: 'inventory',
      aggregateVersion: version,
      schemaVersion: 1,
      correlationId: `bench-${i}`,
      commandId: `cmd-${i}`,
      event: nextEvent(i, random, current?.doc),
    };
    workload.expected.set(aggregateId, { version, doc: inventoryView.evolve(current?.doc, envelope) });
    workload.counts.set(aggregateId, (workload.counts.get(aggregateId) ?? 0) + 1);
    yield encodeEnvelope(envelope, inventoryCatalog);
  }
}

/**
 * The workload of B2 and B3, written to its topic once (a later scenario finding the topic complete
 * reuses it): produced in large batches by one idempotent producer, so each aggregate's versions
 * stay in order within its partition.
 */
export async function ensureEventTopic(
  kafka: Kafka,
  spec: EventTopicSpec,
): Promise<EventWorkload & { producedMs: number }> {
  const workload: EventWorkload = { counts: new Map(), expected: new Map() };
  const present = await countRecords(kafka, spec.topic);
  const started = performance.now();
  if (present === spec.events) {
    for (const _ of generate(spec, workload)) void _;
    return { ...workload, producedMs: 0 };
  }
  if (present > 0) throw new Error(`${spec.topic} holds ${present} records, expected 0 or ${spec.events}`);
  await ensureTopic(kafka, spec.topic, spec.partitions);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    let chunk: { key: string; value: string; headers: Record<string, string> }[] = [];
    for (const record of generate(spec, workload)) {
      chunk.push({ key: record.key, value: record.value, headers: { ...record.headers } });
      if (chunk.length === PRODUCE_CHUNK) {
        await producer.send({ topic: spec.topic, acks: -1, messages: chunk });
        chunk = [];
      }
    }
    if (chunk.length > 0) await producer.send({ topic: spec.topic, acks: -1, messages: chunk });
  } finally {
    await producer.disconnect();
  }
  return { ...workload, producedMs: performance.now() - started };
}

/** The hottest `share` of aggregates by event count. */
export function hottest(counts: ReadonlyMap<string, number>, share: number): Set<string> {
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  return new Set(ranked.slice(0, Math.max(1, Math.round(ranked.length * share))).map(([id]) => id));
}
