import type { Message } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumedKafkaRecord } from '../../kafka/mskRecord';
import { deadLetter, invokeHandler, logEntry, messageOf, type MskEventSourceStats } from './invocation';
import { approximateEventBytes, MAX_EVENT_BYTES } from './mskEvent';
import type { ResolvedOptions } from './options';
import type { PartitionOffset, RecordBuffer } from './recordBuffer';
import { defaultBackoffMs, runWithRetries } from './runWithRetries';

export interface DispatcherDependencies {
  readonly options: ResolvedOptions;
  readonly buffer: RecordBuffer;
  readonly commit: (offsets: PartitionOffset[]) => Promise<void>;
  readonly sendToFailureTopic: (messages: Message[]) => Promise<void>;
}

// With nothing to invoke the loop still comes round this often, to commit past control records.
const IDLE_ROUND_MS = 1000;

/**
 * The poller of the event source mapping: waits for a batch (size, 6 MB payload or window),
 * invokes the function with retries, dead-letters what exhausted them, then commits. One
 * invocation at a time, so a partition never has two; a failing batch holds back the batches after
 * it, as on AWS.
 */
export class Dispatcher {
  readonly stats: MskEventSourceStats = {
    invocations: 0,
    failedInvocations: 0,
    records: 0,
    sentToFailureTopic: 0,
  };
  private stopping = false;
  private inFlight = false;
  private loop: Promise<void> | undefined;
  private readonly committed = new Map<string, bigint>();
  private readonly stopSignal = new AbortController();

  constructor(private readonly deps: DispatcherDependencies) {}

  /** True from taking a batch until it is committed (or given up on). */
  get busy(): boolean {
    return this.inFlight;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Lets the invocation in flight end (no further retries), commits if it succeeded, then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopSignal.abort();
    this.deps.buffer.notify();
    await this.loop;
  }

  /** Forgets what was committed: after a (re)join, commits are sent again even if unchanged. */
  forgetCommits(): void {
    this.committed.clear();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.commitTargets();
        const records = await this.nextBatch();
        if (records.length > 0) await this.process(records);
      } catch (error) {
        logEntry(this.deps.options, { outcome: 'emulator-error', error: messageOf(error) });
        await this.pause(defaultBackoffMs(3));
      }
    }
  }

  private async nextBatch(): Promise<ConsumedKafkaRecord[]> {
    const { buffer, options } = this.deps;
    const windowMs = options.maximumBatchingWindowSeconds * 1000;
    while (!this.stopping) {
      const oldest = buffer.oldestArrival;
      if (oldest === undefined) return buffer.changed(IDLE_ROUND_MS).then(() => []);
      const wait = oldest + windowMs - Date.now();
      // AWS invokes once the batch size is met, the window has passed, or the payload reaches
      // 6 MB: a batch cut by bytes is full too, and waiting for more records would only idle.
      const full = buffer.isFull(options.batchSize, MAX_EVENT_BYTES, approximateEventBytes);
      if (full || wait <= 0) {
        this.inFlight = true;
        return buffer.take(options.batchSize, MAX_EVENT_BYTES, approximateEventBytes);
      }
      await buffer.changed(wait);
    }
    return [];
  }

  private async process(records: ConsumedKafkaRecord[]): Promise<void> {
    const { options } = this.deps;
    const stopping = () => this.stopping;
    try {
      const segments = await runWithRetries(records, {
        invoke: (batch) => invokeHandler(options, this.stats, batch),
        maxRetries: options.maxRetries,
        bisect: options.bisectBatchOnFunctionError,
        backoffMs: defaultBackoffMs,
        sleep: (ms) => this.pause(ms),
        stopping,
      });
      // Interrupted by stop: nothing of this batch is committed, so a restart gets it again.
      if (segments.some((s) => s.outcome === 'interrupted')) return;
      const send = this.deps.sendToFailureTopic;
      const deadLetters = {
        options,
        stats: this.stats,
        send,
        stopping,
        pause: (ms: number) => this.pause(ms),
      };
      for (const segment of segments) {
        if (segment.outcome === 'succeeded') this.stats.records += segment.records.length;
        if (segment.outcome === 'failed' && !(await deadLetter(deadLetters, segment))) return;
      }
      await this.commitTargets();
    } finally {
      this.inFlight = false;
    }
  }

  /** A backoff that stop() cuts short. */
  private pause(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.stopSignal.signal }).catch(() => undefined);
  }

  private async commitTargets(): Promise<void> {
    const key = (t: PartitionOffset) => `${t.topic}-${t.partition}`;
    const due = this.deps.buffer
      .commitTargets()
      .filter((t) => BigInt(t.offset) > (this.committed.get(key(t)) ?? -1n));
    if (due.length === 0) return;
    await this.deps.commit(due);
    for (const target of due) this.committed.set(key(target), BigInt(target.offset));
  }
}
