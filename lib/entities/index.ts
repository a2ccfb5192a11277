export * from './dynamoEntityStore';
export * from './entityStore';
export * from './inMemoryEntityStore';
