/**
 * A fixed set of slots handed out one caller at a time. kafkajs allows one open transaction per
 * producer, so concurrent commands in one process (the local runtime, a bursty handler) either
 * queue here or use another producer of the pool.
 */
export class SlotPool<Slot> {
  private readonly free: Slot[];
  private readonly waiters: ((slot: Slot) => void)[] = [];

  constructor(slots: readonly Slot[]) {
    this.free = [...slots];
  }

  async use<T>(work: (slot: Slot) => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    try {
      return await work(slot);
    } finally {
      this.release(slot);
    }
  }

  private acquire(): Promise<Slot> {
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiters.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }
}
