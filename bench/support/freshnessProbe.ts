import type { SnapshotStore } from '../../lib/snapshots/snapshotStore';
import { nowMs } from '../stats';

interface Waiting {
  readonly id: string;
  readonly version: number;
  readonly ackedAt: number;
}

/**
 * Measures "command acknowledged → snapshot readable": every POLL_MS one consistent BatchGetItem
 * reads the snapshots that are awaited, and each acknowledgement whose version is reached records
 * its delay. One poll for all (not one per command) keeps the probe's own load on DynamoDB small.
 */
export class FreshnessProbe {
  readonly delays: number[] = [];
  private waiting: Waiting[] = [];
  private running = true;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly store: SnapshotStore<unknown>,
    readonly pollMs = 20,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  expect(id: string, version: number, ackedAt: number): void {
    this.waiting.push({ id, version, ackedAt });
  }

  get pending(): number {
    return this.waiting.length;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
      if (this.waiting.length === 0) continue;
      const ids = [...new Set(this.waiting.map((w) => w.id))];
      const snapshots = await this.store.getMany(ids, { consistent: true });
      const now = nowMs();
      this.waiting = this.waiting.filter((w) => {
        const reached = (snapshots.get(w.id)?.version ?? 0) >= w.version;
        if (reached) this.delays.push(now - w.ackedAt);
        return !reached;
      });
    }
  }
}
