export * from './eventLog';
export * from './inMemoryEventLog';
export * from './kafkaEventLog';
