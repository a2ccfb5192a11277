/** What the supervisor needs from a kafkajs consumer: its CRASH and GROUP_JOIN events. */
export interface SupervisedConsumer {
  readonly events: { readonly CRASH: 'consumer.crash'; readonly GROUP_JOIN: 'consumer.group_join' };
  on(event: 'consumer.crash', listener: (event: { payload: { restart: boolean } }) => void): unknown;
  on(event: 'consumer.group_join', listener: () => void): unknown;
}

export interface CrashSupervisorOptions {
  readonly consumer: SupervisedConsumer;
  /** Starts the consumer's run loop again (kafkajs `consumer.run` with the original arguments). */
  readonly rerun: () => Promise<void>;
  readonly isStopping: () => boolean;
  readonly log: (entry: object) => void;
  /** Delay before the n-th consecutive restart (1-based). */
  readonly backoffMs?: (attempt: number) => number;
}

const defaultBackoffMs = (attempt: number): number => Math.min(250 * 2 ** (attempt - 1), 5_000);

/**
 * Keeps a consumer running through crashes kafkajs gives up on. kafkajs restarts its consumer
 * only after retriable errors; a non-retriable one (seen while a broker shuts down cleanly, e.g.
 * a request failing on a socket the broker closed) leaves it disconnected for good, and the
 * emulated mapping would silently stop delivering. A real event source mapping never gives up,
 * so neither does this: until the emulator stops, it runs the consumer again with backoff, and
 * a successful group join resets the backoff.
 */
export function superviseCrashes(options: CrashSupervisorOptions): void {
  const { consumer, rerun, isStopping, log } = options;
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  let attempt = 0;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    attempt = 0;
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart || isStopping()) return;
    attempt += 1;
    const delayMs = backoffMs(attempt);
    log({ outcome: 'consumer-rerun-scheduled', attempt, delayMs });
    setTimeout(() => {
      if (isStopping()) return;
      // A failing start crashes again (kafkajs routes it through CRASH), which schedules the next try.
      rerun().catch((error: unknown) => log({ outcome: 'consumer-rerun-failed', error: String(error) }));
    }, delayMs).unref();
  });
}
