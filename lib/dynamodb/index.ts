export * from './createTable';
export * from './dynamoClient';
export * from './tableDefinition';
