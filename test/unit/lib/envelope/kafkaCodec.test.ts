import type { DecodableRecord } from '../../../../lib/envelope/decodeRecord';
import { decodeRecord } from '../../../../lib/envelope/decodeRecord';
import type { EventEnvelope } from '../../../../lib/envelope/eventEnvelope';
import { encodeEnvelope } from '../../../../lib/envelope/kafkaCodec';
import { PoisonReason } from '../../../../lib/envelope/poison';
import type { TallyEvent } from '../../../support/tallyDomain';
import { tallyCatalog } from '../../../support/tallyDomain';

const envelope: EventEnvelope<TallyEvent> = {
  id: 'tally/t-1/2',
  source: 'urn:service:tally',
  time: '2026-01-01T00:00:00.000Z',
  aggregateId: 't-1',
  aggregateType: 'tally',
  aggregateVersion: 2,
  schemaVersion: 1,
  correlationId: 'corr-1',
  causationId: 'cause-1',
  commandId: 'cmd-1',
  event: { type: 'TallyIncremented', data: { by: 3 } },
};

function asRecord(
  encoded: ReturnType<typeof encodeEnvelope>,
): DecodableRecord & { headers: Record<string, Buffer> } {
  const headers = Object.fromEntries(Object.entries(encoded.headers).map(([k, v]) => [k, Buffer.from(v)]));
  return { key: Buffer.from(encoded.key), value: Buffer.from(encoded.value), headers };
}

const decodeFails = (record: DecodableRecord) => {
  const result = decodeRecord(record, tallyCatalog);
  if (result.ok) throw new Error('expected poison');
  return result;
};

describe('the Kafka codec', () => {
  it('round-trips an envelope through CloudEvents binary mode', () => {
    const encoded = encodeEnvelope(envelope, tallyCatalog);
    expect(encoded.key).toBe('t-1');
    expect(encoded.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'tally.TallyIncremented.v1',
      ce_subject: 't-1',
      ce_aggregateversion: '2',
      'content-type': 'application/json',
    });
    expect(decodeRecord(asRecord(encoded), tallyCatalog)).toEqual({ ok: true, envelope });
  });

  it('refuses to encode data that breaks the contract', () => {
    const bad = {
      ...envelope,
      event: { type: 'TallyIncremented', data: { by: 1.5 } },
    } as EventEnvelope<TallyEvent>;
    expect(() => encodeEnvelope(bad, tallyCatalog)).toThrow();
  });

  const encoded = () => asRecord(encodeEnvelope(envelope, tallyCatalog));
  const withHeader = (name: string, value: string | undefined) => {
    const record = encoded();
    if (value === undefined) delete record.headers[name];
    else record.headers[name] = Buffer.from(value);
    return record;
  };

  it.each([
    ['a missing value', { ...encoded(), value: null }, PoisonReason.MissingValue],
    ['an oversize value', { ...encoded(), value: Buffer.alloc(1024 * 1024 + 1, 32) }, PoisonReason.Oversize],
    ['a value that is not JSON', { ...encoded(), value: Buffer.from('{nope') }, PoisonReason.NotJson],
    [
      'data breaking the schema',
      { ...encoded(), value: Buffer.from('{"by":"x"}') },
      PoisonReason.InvalidData,
    ],
    ['a missing ce_id', withHeader('ce_id', undefined), PoisonReason.MissingHeader],
    ['an unknown type', withHeader('ce_type', 'tally.TallyExploded.v1'), PoisonReason.UnknownType],
    [
      'an unknown schema version',
      withHeader('ce_type', 'tally.TallyIncremented.v2'),
      PoisonReason.UnknownSchemaVersion,
    ],
    ['another aggregate type', withHeader('ce_type', 'order.OrderPlaced.v1'), PoisonReason.MalformedType],
    ['a bad version', withHeader('ce_aggregateversion', '0'), PoisonReason.MalformedVersion],
    [
      'a non-JSON content type',
      withHeader('content-type', 'text/plain'),
      PoisonReason.UnsupportedContentType,
    ],
    ['another spec version', withHeader('ce_specversion', '0.3'), PoisonReason.UnsupportedSpecVersion],
    [
      'a key that differs from the subject',
      { ...encoded(), key: Buffer.from('t-2') },
      PoisonReason.KeyMismatch,
    ],
  ])('recognises %s as poison', (_name, record, reason) => {
    expect(decodeFails(record).reason).toBe(reason);
  });

  it('accepts a record without a key (AWS omits null keys) when the headers are whole', () => {
    expect(decodeRecord({ ...encoded(), key: null }, tallyCatalog).ok).toBe(true);
  });

  it('does not let a __proto__ key in the data reach the envelope', () => {
    const result = decodeFails({
      ...encoded(),
      value: Buffer.from('{"by":1,"__proto__":{"polluted":true}}'),
    });
    expect(result.reason).toBe(PoisonReason.InvalidData);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
