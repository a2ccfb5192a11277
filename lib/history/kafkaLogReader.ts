import type { Kafka } from 'kafkajs';
import type { RawKafkaRecord } from '../kafka/mskRecord';
import { mapWithConcurrency } from '../projections/mapWithConcurrency';
import type { EventLocation } from './eventIndex';
import { positionOf, type LogReader } from './logReader';
import { fetchFrom, openCluster, type FetchCluster } from './kafkaFetch';

export interface KafkaLogReaderOptions {
  /** The client, or a factory for it (on AWS the brokers are looked up asynchronously, once). */
  readonly kafka: Kafka | (() => Promise<Kafka>);
  /** Bytes one fetch may return per partition (default 64 KB; Kafka returns at least one batch). */
  readonly maxBytesPerFetch?: number;
  /** Fetches in flight at once (default 16). */
  readonly concurrency?: number;
}

type Wanted = Pick<EventLocation, 'topic' | 'partition' | 'offset'>;

// Offsets this close are read by one chain of fetches: a fetch from the lower returns a batch of
// records that likely reaches the higher (a command's events are adjacent, a hot aggregate's dense).
const SAME_CHAIN = 64n;
// A fetch's byte limit for a lone offset: below any batch, so Kafka returns just the batch holding it.
const LONE_OFFSET_BYTES = 1;

/**
 * The Kafka adapter of {@link LogReader}: fetches from each partition's leader at the offsets asked
 * for, with kafkajs's own connection (TLS, SASL, MSK IAM) but no consumer group. kafkajs 2.2.4 has
 * no manual assignment (tulios/kafkajs #373): its cluster and Fetch request are used directly.
 * Reads are `read_uncommitted`: the protocol produces only decided events, so every copy of a
 * version — even one in a transaction that was later aborted and republished — holds the same
 * event, and the index may point at any of them. Control records are dropped.
 *
 * Cost grows with the records asked for, not with the partition: far-apart offsets are fetched
 * side by side, near ones by one chain.
 *
 * @example
 * const reader = new KafkaLogReader({ kafka: () => createKafka(config) });
 * const records = await reader.read([{ topic: 'orders', partition: 3, offset: '1200' }]);
 */
export class KafkaLogReader implements LogReader {
  private cluster: Promise<FetchCluster> | undefined;

  constructor(private readonly options: KafkaLogReaderOptions) {}

  async read(locations: readonly Wanted[]): Promise<Map<string, RawKafkaRecord>> {
    const found = new Map<string, RawKafkaRecord>();
    if (locations.length === 0) return found;
    const cluster = await this.connected();
    const chains = chainsOf(locations);
    const outcomes = await mapWithConcurrency(chains, this.options.concurrency ?? 16, (chain) =>
      this.readChain(cluster, chain, found),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) {
      this.reset();
      throw new Error('could not read events back from Kafka', { cause: failed.reason });
    }
    return found;
  }

  async close(): Promise<void> {
    const cluster = this.cluster;
    this.cluster = undefined;
    await cluster?.then((c) => c.disconnect()).catch(() => undefined);
  }

  private async readChain(cluster: FetchCluster, chain: Wanted[], found: Map<string, RawKafkaRecord>) {
    const { topic, partition } = chain[0]!;
    let pending = chain.map((location) => BigInt(location.offset));
    while (pending.length > 0) {
      const from = pending[0]!;
      // One offset left: the batch holding it is all that is needed (Kafka returns at least that).
      const maxBytes = pending.length === 1 ? LONE_OFFSET_BYTES : this.options.maxBytesPerFetch;
      const records = await fetchFrom(cluster, { topic, partition, offset: from }, maxBytes);
      for (const record of records) found.set(positionOf(record), record);
      // Past the end of what came back: the next fetch starts at the first offset still wanted.
      const reached = records.length > 0 ? BigInt(records.at(-1)!.offset) : from;
      const next = pending.filter((offset) => offset > reached);
      if (next.length === pending.length)
        pending = next.slice(1); // nothing at `from` (compacted or a control record)
      else pending = next;
    }
  }

  private connected(): Promise<FetchCluster> {
    this.cluster ??= openCluster(this.options.kafka).catch((error: unknown) => {
      this.cluster = undefined;
      throw error;
    });
    return this.cluster;
  }

  private reset(): void {
    void this.close();
  }
}

/** Wanted offsets grouped by partition, then split where two are far apart. */
function chainsOf(locations: readonly Wanted[]): Wanted[][] {
  const byPartition = new Map<string, Wanted[]>();
  for (const location of locations) {
    const key = `${location.topic}/${location.partition}`;
    byPartition.set(key, [...(byPartition.get(key) ?? []), location]);
  }
  const chains: Wanted[][] = [];
  for (const list of byPartition.values()) {
    const sorted = [...list].sort((a, b) => (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
    let chain: Wanted[] = [];
    for (const location of sorted) {
      const previous = chain.at(-1);
      if (previous && BigInt(location.offset) - BigInt(previous.offset) > SAME_CHAIN) {
        chains.push(chain);
        chain = [];
      }
      chain.push(location);
    }
    if (chain.length > 0) chains.push(chain);
  }
  return chains;
}
