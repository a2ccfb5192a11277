import type { LogRecord } from './eventLog';

/** Sends records in one transaction on one slot (a producer), by `until` (epoch ms) if given. */
export type SendOnSlot<Slot> = (slot: Slot, records: readonly LogRecord[], until?: number) => Promise<void>;

export interface AppendQueueOptions {
  /** Bytes of records one transaction may carry (keys, values, headers); default 256 KB. */
  readonly maxBytes?: number;
  /** The error an append gets when no slot became free by its `until`; nothing was sent. */
  readonly waitedTooLong: () => Error;
}

interface Queued {
  readonly records: readonly LogRecord[];
  readonly bytes: number;
  readonly until: number | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  timer?: NodeJS.Timeout;
}

/**
 * Hands appends to a fixed set of slots (kafkajs allows one open transaction per producer), and
 * lets appends that arrive while every slot is busy share the next transaction: group commit.
 * Concurrent commands of one process — a reactor's targets, the local runtime's requests, a
 * Lambda's only producer — then cost one transaction for many, not one each, which is what bounds
 * a hot partition's throughput (docs/PROTOCOL.md, "Shared transactions").
 *
 * Sharing is safe because each append stays whole and in order inside the transaction, and all of
 * them get the transaction's one outcome: committed, aborted, or unknown. Two appends on one
 * aggregate can only meet here if the later carries the earlier's records (its outbox had them),
 * so the first appearance of every version stays in version order whichever goes first.
 */
export class AppendQueue<Slot> {
  private readonly free: Slot[];
  private readonly queue: Queued[] = [];
  private readonly maxBytes: number;

  constructor(
    slots: readonly Slot[],
    private readonly send: SendOnSlot<Slot>,
    private readonly options: AppendQueueOptions,
  ) {
    this.free = [...slots];
    this.maxBytes = options.maxBytes ?? 256 * 1024;
  }

  /** Resolves once a transaction holding `records` committed; rejects with its failure. */
  append(records: readonly LogRecord[], until?: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queued: Queued = { records, bytes: bytesOf(records), until, resolve, reject };
      if (until !== undefined) {
        queued.timer = setTimeout(() => this.expire(queued), Math.max(0, until - Date.now()));
      }
      this.queue.push(queued);
      this.pump();
    });
  }

  private pump(): void {
    while (this.free.length > 0 && this.queue.length > 0) {
      const slot = this.free.pop()!;
      void this.run(slot, this.takeGroup());
    }
  }

  /** The oldest appends that fit one transaction's byte budget (always at least one). */
  private takeGroup(): Queued[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length) {
      const next = this.queue[count]!;
      if (count > 0 && bytes + next.bytes > this.maxBytes) break;
      bytes += next.bytes;
      count += 1;
    }
    const group = this.queue.splice(0, count);
    for (const queued of group) clearTimeout(queued.timer);
    return group;
  }

  private async run(slot: Slot, group: readonly Queued[]): Promise<void> {
    const deadlines = group.map((queued) => queued.until).filter((until) => until !== undefined);
    const until = deadlines.length > 0 ? Math.min(...deadlines) : undefined;
    try {
      await this.send(
        slot,
        group.flatMap((queued) => queued.records),
        until,
      );
      for (const queued of group) queued.resolve();
    } catch (error) {
      for (const queued of group) queued.reject(error);
    } finally {
      this.free.push(slot);
      this.pump();
    }
  }

  private expire(queued: Queued): void {
    const index = this.queue.indexOf(queued);
    if (index < 0) return; // already taken into a transaction: that transaction's deadline rules
    this.queue.splice(index, 1);
    queued.reject(this.options.waitedTooLong());
  }
}

function bytesOf(records: readonly LogRecord[]): number {
  let bytes = 0;
  for (const record of records) {
    bytes += record.key.length + record.value.length;
    for (const [name, value] of Object.entries(record.headers)) bytes += name.length + value.length;
  }
  return bytes;
}
