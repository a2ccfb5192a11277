export * from './commandHandler';
export * from './commandTypes';
export * from './recoverPending';
