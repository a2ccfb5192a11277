export * from './deadLetterSink';
export * from './inMemoryDeadLetterSink';
export * from './kafkaDeadLetterSink';
export * from './parkedLetters';
export * from './readLetters';
