export * from './getSnapshot';
export * from './listSnapshots';
