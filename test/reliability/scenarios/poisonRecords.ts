import { encodeEnvelope } from '../../../lib/envelope/kafkaCodec';
import { DEFAULT_MAX_RECORD_BYTES } from '../../../lib/envelope/decodeRecord';
import { CeHeader } from '../../../lib/envelope/headers';
import type { PoisonReason } from '../../../lib/envelope/poison';
import { tallyCatalog } from '../../support/tallyDomain';

export interface PoisonMessage {
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
}

/** A valid TallyIncremented record of its own aggregate (so a poison never leaves a version gap). */
function base(reason: string): PoisonMessage {
  const encoded = encodeEnvelope(
    {
      id: `tally/poison-${reason}/1`,
      source: 'urn:test:poison',
      time: '2026-01-01T00:00:00.000Z',
      aggregateId: `poison-${reason}`,
      aggregateType: 'tally',
      aggregateVersion: 1,
      schemaVersion: 1,
      correlationId: 'poison',
      commandId: `poison-${reason}`,
      event: { type: 'TallyIncremented', data: { by: 1 } },
    },
    tallyCatalog,
  );
  return { key: encoded.key, value: encoded.value, headers: { ...encoded.headers } };
}

const withHeader = (message: PoisonMessage, name: string, value: string): PoisonMessage => ({
  ...message,
  headers: { ...message.headers, [name]: value },
});

/**
 * One record per reason a consumer can refuse, each otherwise valid. Typed by PoisonReason, so a
 * reason added to lib/envelope/poison.ts fails to compile here until this scenario covers it.
 */
export const POISON: { readonly [R in PoisonReason]: (message: PoisonMessage) => PoisonMessage } = {
  missing_value: (m) => ({ ...m, value: null }),
  oversize: (m) => ({ ...m, value: JSON.stringify({ by: 1, pad: 'x'.repeat(DEFAULT_MAX_RECORD_BYTES) }) }),
  missing_header: (m) => {
    const { [CeHeader.id]: _dropped, ...headers } = m.headers;
    return { ...m, headers };
  },
  unsupported_spec_version: (m) => withHeader(m, CeHeader.specVersion, '0.3'),
  unsupported_content_type: (m) => withHeader(m, CeHeader.contentType, 'application/avro'),
  malformed_type: (m) => withHeader(m, CeHeader.type, 'tally incremented'),
  unknown_type: (m) => withHeader(m, CeHeader.type, 'tally.TallyExploded.v1'),
  unknown_schema_version: (m) => withHeader(m, CeHeader.type, 'tally.TallyIncremented.v2'),
  malformed_version: (m) => withHeader(m, CeHeader.aggregateVersion, '01'),
  key_mismatch: (m) => ({ ...m, key: 'someone-else' }),
  not_json: (m) => ({ ...m, value: '{"by":' }),
  invalid_data: (m) => ({ ...m, value: '{"by":"one"}' }),
};

/** Every poison kind, `copies` times, each with an aggregate id of its own. */
export function poisonRecords(copies: number): { reason: PoisonReason; message: PoisonMessage }[] {
  return Array.from({ length: copies }).flatMap((_, copy) =>
    (Object.keys(POISON) as PoisonReason[]).map((reason) => ({
      reason,
      message: POISON[reason](base(`${reason}-${copy}`)),
    })),
  );
}

/** Enough for the oversize record and its dead letter (Kafka's default is about 1 MiB). */
export const LARGE_TOPIC_CONFIG = [{ name: 'max.message.bytes', value: String(3 * 1024 * 1024) }];
