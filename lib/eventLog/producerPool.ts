export interface WaitLimit {
  readonly until: number;
  readonly error: () => Error;
}

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

  /** Runs `work` with a free slot; waiting for one ends with `wait.error()` at `wait.until` (epoch ms). */
  async use<T>(work: (slot: Slot) => Promise<T>, wait?: WaitLimit): Promise<T> {
    const slot = await this.acquire(wait);
    try {
      return await work(slot);
    } finally {
      this.release(slot);
    }
  }

  private acquire(wait?: WaitLimit): Promise<Slot> {
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve, reject) => {
      const timer = wait
        ? setTimeout(() => {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            reject(wait.error());
          }, wait.until - Date.now())
        : undefined;
      const waiter = (free: Slot) => {
        clearTimeout(timer);
        resolve(free);
      };
      this.waiters.push(waiter);
    });
  }

  private release(slot: Slot): void {
    const next = this.waiters.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }
}
