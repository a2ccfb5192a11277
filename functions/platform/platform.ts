type Close<T> = (value: T) => Promise<void> | void;

const closers: (() => Promise<void>)[] = [];

/**
 * A getter of something built once per execution environment and reused by warm invocations: TCP
 * connections, producers and the MSK broker lookup are expensive. Built on first call, which the
 * handlers make at module scope, so a function builds only what its handler asks for (a query
 * never loads kafkajs). In the local runtime all functions share one process, hence one of each.
 *
 * @example
 * export const getDynamo = perEnvironment(() => createDynamoClient(getConfig()), (c) => c.destroy());
 */
export function perEnvironment<T>(create: () => T, close?: Close<T>): () => T {
  let built: { value: T } | undefined;
  return () => {
    if (built) return built.value;
    const current = { value: create() };
    built = current;
    closers.push(async () => {
      if (built === current) built = undefined;
      await close?.(current.value);
    });
    return current.value;
  };
}

/**
 * Closes everything built so far and forgets it, so a later start builds afresh (local runtime
 * shutdown, tests). A failing close does not keep the others open.
 */
export async function closePlatform(): Promise<void> {
  const closing = closers.splice(0);
  await Promise.allSettled(closing.map((close) => close()));
}

/**
 * A promise made on first call and shared by later ones, forgotten if it fails so the next call
 * tries again: a failed MSK broker lookup must not poison the environment.
 */
export function sharedUntilFailure<T>(create: () => Promise<T>): () => Promise<T> {
  let shared: Promise<T> | undefined;
  return () =>
    (shared ??= create().catch((error: unknown) => {
      shared = undefined;
      throw error;
    }));
}
