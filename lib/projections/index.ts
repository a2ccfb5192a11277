export * from './decodeBatch';
export * from './foldAggregate';
export * from './mapWithConcurrency';
export * from './projection';
export * from './projectionBatchError';
export * from './projectionHandler';
