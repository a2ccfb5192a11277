/** Why a record cannot be decoded. Each is permanent: retrying the same bytes cannot succeed. */
export const PoisonReason = {
  MissingValue: 'missing_value',
  Oversize: 'oversize',
  MissingHeader: 'missing_header',
  UnsupportedSpecVersion: 'unsupported_spec_version',
  UnsupportedContentType: 'unsupported_content_type',
  MalformedType: 'malformed_type',
  UnknownType: 'unknown_type',
  UnknownSchemaVersion: 'unknown_schema_version',
  MalformedVersion: 'malformed_version',
  KeyMismatch: 'key_mismatch',
  NotJson: 'not_json',
  InvalidData: 'invalid_data',
} as const;
export type PoisonReason = (typeof PoisonReason)[keyof typeof PoisonReason];

/** A record that failed to decode, with the reason, kept whole for the dead-letter topic. */
export interface PoisonRecord<Raw> {
  readonly record: Raw;
  readonly reason: PoisonReason;
  readonly detail: string;
}
