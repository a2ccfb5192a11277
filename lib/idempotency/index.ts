export * from './dynamoIdempotencyStore';
export * from './idempotencyStore';
export * from './inMemoryIdempotencyStore';
export * from './withIdempotency';
