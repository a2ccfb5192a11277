export * from './reactor';
export * from './reactorHandler';
export * from './planReactions';
export * from './reactorParking';
