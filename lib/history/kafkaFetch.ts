import type { IHeaders, Kafka } from 'kafkajs';
import type { RawKafkaRecord } from '../kafka/mskRecord';

// The parts of kafkajs 2.2.4's internal cluster and broker that reading by offset uses. They are not
// public API; this file is the only one that touches them, and the integration tests pin them.
interface InternalBroker {
  fetch(request: {
    replicaId: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
  }): Promise<{ responses: { topicName: string; partitions: FetchedPartition[] }[] }>;
}

interface FetchedPartition {
  readonly partition: number;
  readonly errorCode: number;
  readonly messages: {
    readonly offset: string;
    readonly timestamp: string;
    readonly key: Buffer | null;
    readonly value: Buffer | null;
    readonly headers?: IHeaders;
    readonly isControlRecord?: boolean;
  }[];
}

/** A connected kafkajs cluster that can fetch from a partition's leader. */
export interface FetchCluster {
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(options: { nodeId: string }): Promise<InternalBroker>;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

const READ_UNCOMMITTED = 0;

/**
 * A kafkajs cluster built by the client's own factory (so TLS, SASL and the MSK IAM provider
 * apply), without a consumer or a group. Throws, naming the cause, on a kafkajs that has no such
 * factory.
 */
export async function openCluster(kafka: Kafka | (() => Promise<Kafka>)): Promise<FetchCluster> {
  const client = typeof kafka === 'function' ? await kafka() : kafka;
  const factory = Object.getOwnPropertySymbols(client).find(
    (symbol) => symbol.description === 'private:Kafka:createCluster',
  );
  const create = factory && (client as unknown as Record<symbol, unknown>)[factory];
  if (typeof create !== 'function') {
    throw new Error('reading the log by offset needs kafkajs 2.2 (its internal cluster factory is missing)');
  }
  const cluster = (create as (options: object) => FetchCluster)({
    metadataMaxAge: 300_000,
    allowAutoTopicCreation: false,
    isolationLevel: READ_UNCOMMITTED,
  });
  await cluster.connect();
  return cluster;
}

/**
 * The records of one partition from `offset` on, as far as one fetch returns (at least the record
 * batch holding `offset`, Kafka returning a whole batch even past `maxBytes`). Control records are
 * dropped, and so are records before `offset` that share its batch.
 */
export async function fetchFrom(
  cluster: FetchCluster,
  at: { topic: string; partition: number; offset: bigint },
  maxBytes = 64 * 1024,
): Promise<RawKafkaRecord[]> {
  const { topic, partition } = at;
  await cluster.addTargetTopic(topic);
  const leaders = cluster.findLeaderForPartitions(topic, [partition]);
  const nodeId = Object.keys(leaders)[0];
  if (nodeId === undefined) throw new Error(`${topic}/${partition} has no leader`);
  const broker = await cluster.findBroker({ nodeId });
  let response: Awaited<ReturnType<InternalBroker['fetch']>>;
  try {
    response = await broker.fetch({
      replicaId: -1,
      isolationLevel: READ_UNCOMMITTED,
      maxWaitTime: 0,
      minBytes: 1,
      maxBytes,
      topics: [{ topic, partitions: [{ partition, fetchOffset: at.offset.toString(), maxBytes }] }],
    });
  } catch (error) {
    // Past the end (or before the start) of the partition: there is simply no record there.
    if ((error as { type?: string }).type === 'OFFSET_OUT_OF_RANGE') return [];
    // A moved leader: the next read starts from fresh metadata.
    if ((error as { retriable?: boolean }).retriable) await cluster.refreshMetadata().catch(() => undefined);
    throw error;
  }
  const fetched = response.responses[0]?.partitions.find((p) => p.partition === partition);
  return (fetched?.messages ?? [])
    .filter((message) => !message.isControlRecord && BigInt(message.offset) >= at.offset)
    .map((message) => ({
      topic,
      partition,
      offset: message.offset,
      timestamp: message.timestamp,
      key: message.key,
      value: message.value,
      headers: headersOf(message.headers),
    }));
}

// fromEntries defines own properties: a header named `__proto__` stays a header.
function headersOf(headers: IHeaders | undefined): Record<string, Buffer> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).flatMap(([name, value]) => {
      const last = Array.isArray(value) ? value.at(-1) : value;
      return last === undefined ? [] : [[name, Buffer.isBuffer(last) ? last : Buffer.from(last)]];
    }),
  );
}
