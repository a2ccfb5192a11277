/**
 * Runs `work` on every item with at most `limit` running at once, and settles them all: one
 * failure does not stop the others (each item's outcome is reported, in input order).
 *
 * @example
 * const outcomes = await mapWithConcurrency(folds, 16, (fold) => store.put(fold.next!, fold.from));
 */
export async function mapWithConcurrency<Item, Result>(
  items: readonly Item[],
  limit: number,
  work: (item: Item) => Promise<Result>,
): Promise<PromiseSettledResult<Result>[]> {
  const outcomes = new Array<PromiseSettledResult<Result>>(items.length);
  let nextIndex = 0;
  // A few workers pulling from a shared index instead of one promise per item started at once:
  // DynamoDB would throttle a burst of hundreds of writes, and the SDK's socket pool would queue them.
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      try {
        outcomes[index] = { status: 'fulfilled', value: await work(items[index]!) };
      } catch (reason) {
        outcomes[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return outcomes;
}
