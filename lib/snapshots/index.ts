export * from './cursor';
export * from './dynamoSnapshotStore';
export * from './inMemorySnapshotStore';
export * from './snapshotStore';
export * from './snapshotTable';
