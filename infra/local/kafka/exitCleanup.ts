const cleanups = new Map<number, () => void>();
let installed = false;

/**
 * Runs `cleanup` (synchronously) if this Node process exits while the broker keyed by `pid` still runs:
 * brokers live in their own process group, so nothing else would stop them when e.g. Jest calls
 * `process.exit()`. A SIGKILLed Node process cannot run this; `stopStaleBrokers` covers that case.
 * Returns a function that cancels the cleanup once the broker was stopped normally.
 */
export function cleanUpOnExit(pid: number, cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', () => {
      for (const run of cleanups.values()) {
        try {
          run();
        } catch {
          // best effort: one failed cleanup must not skip the others
        }
      }
    });
  }
  cleanups.set(pid, cleanup);
  return () => cleanups.delete(pid);
}
