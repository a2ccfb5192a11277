export * from './failedBatches';
