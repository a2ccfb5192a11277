/**
 * Kafka header names of the CloudEvents Kafka protocol binding (binary content mode): `ce_` plus
 * the attribute name. Extension attribute names must be lower-case alphanumerics (CloudEvents 1.0).
 */
export const CeHeader = {
  specVersion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
  /** The schema of this version of the event type (`dataSchemaOf`): one URI per version. */
  dataSchema: 'ce_dataschema',
  aggregateType: 'ce_aggregatetype',
  aggregateVersion: 'ce_aggregateversion',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  commandId: 'ce_commandid',
} as const;

export const SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

/** Headers every event must carry; a record lacking one is poison. */
export const REQUIRED_HEADERS = [
  CeHeader.specVersion,
  CeHeader.id,
  CeHeader.source,
  CeHeader.type,
  CeHeader.time,
  CeHeader.subject,
  CeHeader.aggregateType,
  CeHeader.aggregateVersion,
  CeHeader.correlationId,
  CeHeader.commandId,
] as const;
