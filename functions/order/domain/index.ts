export { DEFAULT_CANCEL_REASON } from './lifecycleDecisions';
export * from './orderCommands';
export * from './orderDecider';
export * from './orderEvents';
export * from './orderState';
