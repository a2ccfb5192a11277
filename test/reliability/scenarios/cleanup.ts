/**
 * Collects what a scenario starts (event sources, clients, producers) and stops it after the file,
 * in reverse order, whether the scenario passed or failed: a running poller left behind would keep
 * jest from exiting and write into a torn-down environment.
 *
 * @example
 * const defer = deferCleanup();
 * const source = await startMskEventSource(...);
 * defer(() => source.stop());
 */
export function deferCleanup(): (task: () => unknown) => void {
  const tasks: (() => unknown)[] = [];
  afterAll(async () => {
    for (const task of tasks.splice(0).reverse()) {
      await Promise.resolve()
        .then(task)
        .catch(() => undefined);
    }
  });
  return (task) => void tasks.push(task);
}
