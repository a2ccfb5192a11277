import type { ConsumedKafkaRecord } from '../../kafka/mskRecord';

/** A topic partition and the offset a consumer group should commit for it. */
export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  /** The offset after everything fetched so far, control records and aborted records included. */
  fetchedThrough: bigint;
}

/**
 * The records fetched but not yet handed to the function, in arrival order (which is offset order
 * within each partition), plus how far each partition has been read.
 *
 * Committing "last record + 1" would leave a group one short after a transaction: the commit marker
 * (a control record) takes an offset but is never delivered, and neither are aborted records. So a
 * partition's commit target is its first record still waiting here, or, when none waits, the end
 * of everything fetched. Callers ask for targets only when no invocation is in flight.
 */
export class RecordBuffer {
  // `bytes`: the record's size in the event, computed once (a full batch is sized several times).
  private pending: { readonly record: ConsumedKafkaRecord; readonly arrivedAt: number; bytes?: number }[] =
    [];
  private readonly partitions = new Map<string, PartitionState>();
  private readonly listeners = new Set<() => void>();

  /** Number of records waiting. */
  get size(): number {
    return this.pending.length;
  }

  /** When the oldest waiting record arrived (ms since the epoch), if any waits. */
  get oldestArrival(): number | undefined {
    return this.pending[0]?.arrivedAt;
  }

  /**
   * Adds the records of one fetched batch whose last offset (kafkajs `batch.lastOffset()`,
   * which counts filtered control and aborted records) is `lastOffset`. Records already fetched
   * are dropped: after a rebalance kafkajs fetches again from the committed offset.
   */
  add(topic: string, partition: number, records: readonly ConsumedKafkaRecord[], lastOffset: string): void {
    const state = this.state(topic, partition);
    const arrivedAt = Date.now();
    for (const record of records) {
      if (BigInt(record.offset) >= state.fetchedThrough) this.pending.push({ record, arrivedAt });
    }
    this.advance(topic, partition, lastOffset);
  }

  /** Records that the partition has been read up to and including `lastOffset`. */
  advance(topic: string, partition: number, lastOffset: string): void {
    const state = this.state(topic, partition);
    const next = BigInt(lastOffset) + 1n;
    if (next > state.fetchedThrough) state.fetchedThrough = next;
    this.notify();
  }

  /**
   * Whether the head already holds a whole batch: `max` records, or more than `maxBytes` (so
   * {@link take} would stop short of the waiting records).
   */
  isFull(max: number, maxBytes: number, sizeOf: (record: ConsumedKafkaRecord) => number): boolean {
    if (this.pending.length >= max) return true;
    let bytes = 0;
    for (const entry of this.pending) {
      bytes += entry.bytes ??= sizeOf(entry.record);
      if (bytes > maxBytes) return true;
    }
    return false;
  }

  /** Takes up to `max` records from the head, stopping early once `maxBytes` would be passed. */
  take(
    max: number,
    maxBytes: number,
    sizeOf: (record: ConsumedKafkaRecord) => number,
  ): ConsumedKafkaRecord[] {
    let count = 0;
    let bytes = 0;
    for (const entry of this.pending) {
      bytes += entry.bytes ??= sizeOf(entry.record);
      if (count === max || (count > 0 && bytes > maxBytes)) break;
      count += 1;
    }
    const taken = this.pending.splice(0, count).map(({ record }) => record);
    this.notify();
    return taken;
  }

  /** The offset each partition may commit now, given that nothing is being invoked. */
  commitTargets(): PartitionOffset[] {
    const firstWaiting = new Map<PartitionState, string>();
    let previous: ConsumedKafkaRecord | undefined;
    // Thousands wait during a rebuild, in runs of one partition (a fetched batch each): look up
    // the first of each run only, and stop once every partition has been found.
    for (const { record } of this.pending) {
      if (firstWaiting.size === this.partitions.size) break;
      if (previous?.partition === record.partition && previous.topic === record.topic) continue;
      previous = record;
      const state = this.state(record.topic, record.partition);
      if (!firstWaiting.has(state)) firstWaiting.set(state, record.offset);
    }
    return [...this.partitions.values()].map((state) => ({
      topic: state.topic,
      partition: state.partition,
      offset: firstWaiting.get(state) ?? state.fetchedThrough.toString(),
    }));
  }

  /** Resolves at the next add, take or advance, or after `timeoutMs`. */
  changed(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.listeners.add(done);
    });
  }

  /** Wakes every waiter (used on stop). */
  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private state(topic: string, partition: number): PartitionState {
    const key = `${topic}\u0000${partition}`;
    let state = this.partitions.get(key);
    if (!state) {
      state = { topic, partition, fetchedThrough: -1n };
      this.partitions.set(key, state);
    }
    return state;
  }
}
