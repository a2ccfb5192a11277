export * from './reactor';
export * from './reactorHandler';
