import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AggregateHead } from './headStore';

type Item = Record<string, AttributeValue>;

// Only heads with something pending carry the shard attribute, so the index stays as small as the
// number of unflushed commands (usually zero). One shard value is enough for that size.
export const PENDING_SHARD = 'pending';

/**
 * A head as a DynamoDB item. State and remembered commands are JSON strings (read and written
 * whole; JSON keeps numbers and nesting exact). The outbox — pending records and entities — is
 * deflated JSON: its records repeat topic, source, types, ids and times record after record, and
 * a reactor's group of 16 reservations shrinks from about 10 KB to under 2 KB. Both writes of a
 * command are billed per KB of the item, and the item must stay far below DynamoDB's 400 KB.
 */
export function toItem<State>(head: AggregateHead<State>): Item {
  const item: Item = {
    id: { S: head.id },
    version: { N: String(head.version) },
    state: { S: JSON.stringify(head.state) },
    commands: {
      S: JSON.stringify(head.commands.map(({ id, version, events }): StoredCommand => [id, version, events])),
    },
  };
  if (head.pending.length > 0 || head.pendingEntities.length > 0) {
    const outbox: StoredOutbox = { records: head.pending, entities: head.pendingEntities };
    item.outbox = { B: deflateRawSync(JSON.stringify(outbox)) };
    item.pendingShard = { S: PENDING_SHARD };
    item.pendingSince = { S: head.pendingSince ?? new Date(0).toISOString() };
  }
  return item;
}

export function fromItem<State>(item: Item): AggregateHead<State> {
  const json = <T>(attribute: AttributeValue | undefined, fallback: T): T =>
    attribute?.S === undefined ? fallback : (JSON.parse(attribute.S) as T);
  const outbox: StoredOutbox = item.outbox?.B
    ? (JSON.parse(inflateRawSync(item.outbox.B).toString('utf8')) as StoredOutbox)
    : { records: [], entities: [] };
  const pendingSince = item.pendingSince?.S;
  return {
    id: item.id?.S ?? '',
    version: Number(item.version?.N ?? 0),
    state: json<State>(item.state, null as State),
    pending: outbox.records,
    pendingEntities: outbox.entities,
    commands: json<StoredCommand[]>(item.commands, []).map(([id, version, events]) => ({
      id,
      version,
      events,
    })),
    ...(pendingSince ? { pendingSince } : {}),
  };
}

interface StoredOutbox {
  records: AggregateHead<unknown>['pending'];
  entities: AggregateHead<unknown>['pendingEntities'];
}

// Remembered commands are stored as [id, version, events] triples: 100 of them in about 3 KB, not 5.
type StoredCommand = [id: string, version: number, events: number];
