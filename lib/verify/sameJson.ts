/**
 * Whether two values are the same data as JSON would store them: key order does not matter and
 * undefined members are absent, as after a round trip through DynamoDB.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(normalised(value === undefined ? null : JSON.parse(JSON.stringify(value ?? null))));
}

function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, normalised(item)]),
  );
}
