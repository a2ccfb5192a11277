import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** Every item of a table, unmarshalled, keyed by id (Scan, paginated). */
export async function scanTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<Map<string, Record<string, unknown>>> {
  const items = new Map<string, Record<string, unknown>>();
  let startKey: Record<string, never> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    for (const item of out.Items ?? []) {
      const plain = unmarshall(item);
      items.set(String(plain.id), plain);
    }
    startKey = out.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  return items;
}

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
};

/** Ids whose items differ between two tables (either side missing counts). */
export function differingIds(
  left: ReadonlyMap<string, Record<string, unknown>>,
  right: ReadonlyMap<string, Record<string, unknown>>,
): string[] {
  const ids = new Set([...left.keys(), ...right.keys()]);
  return [...ids].filter((id) => canonical(left.get(id)) !== canonical(right.get(id)));
}
