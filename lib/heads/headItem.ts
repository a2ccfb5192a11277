import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { packCommands, unpackCommands } from './commandList';
import type { AggregateHead } from './headStore';

type Item = Record<string, AttributeValue>;

/**
 * The recovery index's partition key of a head with something pending: one of `shards` values,
 * computed from the id. One constant key would put two index writes of every command of the service
 * on one index partition (about 1,000 WCU/s: some 250 commands/s); spread over 32 they take 32 times
 * that, and recovery queries each value.
 */
export function pendingShardOf(id: string, shards: number): string {
  const shard = createHash('sha256').update(id).digest().readUInt32BE(0) % shards;
  return `p${String(shard).padStart(3, '0')}`;
}

/** Every value {@link pendingShardOf} can give for `shards`. */
export const pendingShards = (shards: number): string[] =>
  Array.from({ length: shards }, (_, shard) => `p${String(shard).padStart(3, '0')}`);

/**
 * A head as a DynamoDB item. State is a JSON string (read and written whole; JSON keeps numbers and
 * nesting exact), remembered commands are packed bytes (`commandList.ts`; JSON in items written
 * before), the outbox — pending records and entities — is deflated JSON: its records repeat topic,
 * source, types, ids and times record after record, and a reactor's group of 16 reservations
 * shrinks from about 10 KB to under 2 KB. Both writes of a command are billed per KB of the item.
 */
export function toItem<State>(head: AggregateHead<State>, shards: number): Item {
  const packed = packCommands(head.commands);
  const item: Item = {
    id: { S: head.id },
    version: { N: String(head.version) },
    state: { S: JSON.stringify(head.state) },
    commands: packed
      ? { B: packed }
      : {
          S: JSON.stringify(
            head.commands.map(({ id, version, events }): StoredCommand => [id, version, events]),
          ),
        },
  };
  if (head.publishedThrough) item.publishedThrough = { N: String(head.publishedThrough) };
  if (head.pending.length > 0 || head.pendingEntities.length > 0) {
    const outbox: StoredOutbox = { records: head.pending, entities: head.pendingEntities };
    item.outbox = { B: deflateRawSync(JSON.stringify(outbox)) };
    item.pendingShard = { S: pendingShardOf(head.id, shards) };
    item.pendingSince = { S: head.pendingSince ?? new Date(0).toISOString() };
  }
  return item;
}

export function fromItem<State>(item: Item): AggregateHead<State> {
  const outbox = outboxOf(item.outbox);
  return {
    id: item.id?.S ?? '',
    version: Number(item.version?.N ?? 0),
    state: (item.state?.S === undefined ? null : JSON.parse(item.state.S)) as State,
    pending: outbox.records,
    pendingEntities: outbox.entities,
    commands: commandsOf(item.commands),
    ...(item.pendingSince?.S ? { pendingSince: item.pendingSince.S } : {}),
    ...(item.publishedThrough?.N ? { publishedThrough: Number(item.publishedThrough.N) } : {}),
  };
}

function outboxOf(attribute: AttributeValue | undefined): StoredOutbox {
  if (!attribute?.B) return { records: [], entities: [] };
  return JSON.parse(inflateRawSync(attribute.B).toString('utf8')) as StoredOutbox;
}

function commandsOf(attribute: AttributeValue | undefined): AggregateHead<unknown>['commands'] {
  if (attribute?.B) return unpackCommands(attribute.B);
  if (attribute?.S === undefined) return [];
  return (JSON.parse(attribute.S) as StoredCommand[]).map(([id, version, events]) => ({
    id,
    version,
    events,
  }));
}

interface StoredOutbox {
  records: AggregateHead<unknown>['pending'];
  entities: AggregateHead<unknown>['pendingEntities'];
}

// Lists that cannot be packed are stored as [id, version, events] triples.
type StoredCommand = [id: string, version: number, events: number];
