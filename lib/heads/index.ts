export * from './dynamoHeadStore';
export * from './headStore';
export * from './inMemoryHeadStore';
export * from './headItem';
