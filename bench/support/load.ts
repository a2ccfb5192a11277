import { nowMs } from '../stats';

/** Times each call of `operation(i)` for i in [from, to), one after another. */
export async function sequential(from: number, to: number, operation: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  for (let i = from; i < to; i += 1) {
    const started = nowMs();
    await operation(i);
    latencies.push(nowMs() - started);
  }
  return latencies;
}

/**
 * `callers` concurrent loops, each running `perCaller` operations one after another (caller c gets
 * its own aggregate ids through `operation(c, i)`). Returns operations per second over the whole.
 */
export async function throughput(
  callers: number,
  perCaller: number,
  operation: (caller: number, i: number) => Promise<unknown>,
): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  const started = nowMs();
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      for (let i = 0; i < perCaller; i += 1) {
        const t = nowMs();
        await operation(caller, i);
        latencies.push(nowMs() - t);
      }
    }),
  );
  const seconds = (nowMs() - started) / 1000;
  return { perSecond: (callers * perCaller) / seconds, latencies };
}

/**
 * Runs `operation(i)` at a fixed rate (open loop: a slow operation does not delay the next start)
 * for `count` operations; resolves when all have settled.
 */
export async function atRate(
  perSecond: number,
  count: number,
  operation: (i: number) => Promise<void>,
): Promise<void> {
  const interval = 1000 / perSecond;
  const started = nowMs();
  const running: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = started + i * interval - nowMs();
    if (due > 1) await new Promise((resolve) => setTimeout(resolve, due));
    running.push(operation(i));
  }
  await Promise.all(running);
}
