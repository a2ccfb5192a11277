import type { MSKEvent, MSKRecord } from 'aws-lambda';
import { toMskRecord, type RawKafkaRecord } from '../kafka/mskRecord';
import { DlqHeader } from './deadLetterSink';

/** A record read back from the dead-letter topic, with what the `dlq_*` headers say about it. */
export interface StoredLetter {
  /** Where the letter sits on the dead-letter topic. */
  readonly at: { readonly partition: number; readonly offset: string };
  readonly reason: string;
  readonly detail: string;
  readonly consumer: string;
  /** The aggregate parked behind it; absent for a lone poison record. */
  readonly parkedAggregate?: string;
  /** The record as it was on its source topic: coordinates, key, value and its own headers. */
  readonly source: RawKafkaRecord;
}

const DLQ_NAMES = new Set<string>(Object.values(DlqHeader));

/**
 * Reads a dead-letter record back. Never throws: a letter whose `dlq_*` headers are missing (not
 * written by a sink of ours) keeps empty fields, and is listed as such.
 *
 * @example
 * const letter = storedLetterOf(record); // record fetched from the dead-letter topic
 */
export function storedLetterOf(record: RawKafkaRecord): StoredLetter {
  const header = (name: string) => record.headers[name]?.toString('utf8') ?? '';
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(record.headers)) if (!DLQ_NAMES.has(name)) headers[name] = value;
  const parked = header(DlqHeader.parkedAggregate);
  return {
    at: { partition: record.partition, offset: record.offset },
    reason: header(DlqHeader.reason),
    detail: header(DlqHeader.detail),
    consumer: header(DlqHeader.consumer),
    ...(parked ? { parkedAggregate: parked } : {}),
    source: {
      topic: header(DlqHeader.sourceTopic),
      partition: Number(header(DlqHeader.sourcePartition) || -1),
      offset: header(DlqHeader.sourceOffset) || '-1',
      timestamp: record.timestamp,
      key: record.key,
      value: record.value,
      headers,
    },
  };
}

/** `<topic>/<partition>/<offset>` of the source record: a letter sent twice (a retried batch) once. */
export const sourcePosition = (letter: StoredLetter) =>
  `${letter.source.topic}/${letter.source.partition}/${letter.source.offset}`;

/**
 * The source records of letters, once each, in source order (one aggregate's records share a
 * partition, so offset order is version order), as an MSK event with the given `eventSource`.
 *
 * @example
 * await handler(redriveEvent(letters, PARKED_REDRIVE_SOURCE));
 */
export function redriveEvent(letters: readonly StoredLetter[], eventSource: string): MSKEvent {
  const unique = new Map(letters.map((letter) => [sourcePosition(letter), letter.source]));
  const ordered = [...unique.values()].sort(
    (a, b) =>
      a.topic.localeCompare(b.topic) ||
      a.partition - b.partition ||
      Number(BigInt(a.offset) - BigInt(b.offset)),
  );
  const records: Record<string, MSKRecord[]> = {};
  for (const record of ordered)
    (records[`${record.topic}-${record.partition}`] ??= []).push(toMskRecord(record));
  return { eventSource, records } as unknown as MSKEvent;
}

/** One line of `kes dlq list`: a parked aggregate, or the poison records of a consumer and reason. */
export interface LetterGroup {
  /** `<consumer>/<aggregate id>`, or `<consumer>/poison/<reason>`. */
  readonly id: string;
  readonly consumer: string;
  readonly parkedAggregate?: string;
  /** The reason of the first letter (why it parked). */
  readonly reason: string;
  readonly detail: string;
  /** Source offsets, `<topic>-<partition>@<offset>`. */
  readonly first: string;
  readonly last: string;
  /** Distinct source records. */
  readonly count: number;
}

/**
 * Groups letters for a person: each parked aggregate once, poison by consumer and reason.
 *
 * @example
 * for (const group of groupLetters(letters)) console.log(group.id, group.count);
 */
export function groupLetters(letters: readonly StoredLetter[]): LetterGroup[] {
  const groups = new Map<string, StoredLetter[]>();
  for (const letter of letters) {
    const id = letterGroupId(letter);
    const list = groups.get(id);
    if (list) list.push(letter);
    else groups.set(id, [letter]);
  }
  return [...groups.entries()].map(([id, members]) => {
    const unique = [...new Map(members.map((letter) => [sourcePosition(letter), letter])).values()];
    const first = unique[0]!;
    const where = (letter: StoredLetter) =>
      `${letter.source.topic}-${letter.source.partition}@${letter.source.offset}`;
    return {
      id,
      consumer: first.consumer,
      ...(first.parkedAggregate ? { parkedAggregate: first.parkedAggregate } : {}),
      reason: first.reason,
      detail: first.detail,
      first: where(first),
      last: where(unique.at(-1)!),
      count: unique.length,
    };
  });
}

export function letterGroupId(letter: StoredLetter): string {
  return letter.parkedAggregate
    ? `${letter.consumer}/${letter.parkedAggregate}`
    : `${letter.consumer}/poison/${letter.reason}`;
}

/** What an entry of `kes dlq list` is now. */
export type LetterGroupState = 'poison' | 'parked' | 'redriven';

/**
 * A group's state now. The topic is append-only, so the letters a redrive replayed stay on it:
 * only the consumer's current mark (on its snapshot or checkpoint) says whether the aggregate
 * still waits. One parked again after a redrive is parked: its group holds both runs of letters.
 *
 * @example
 * const state = letterGroupState(group, (await views.get(group.parkedAggregate!))?.parked !== undefined);
 */
export function letterGroupState(group: LetterGroup, parkedNow: boolean): LetterGroupState {
  if (!group.parkedAggregate) return 'poison';
  return parkedNow ? 'parked' : 'redriven';
}
