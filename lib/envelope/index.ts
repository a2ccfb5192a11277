export * from './decodeRecord';
export * from './eventCatalog';
export * from './eventEnvelope';
export * from './headers';
export * from './kafkaCodec';
export * from './poison';
