export { startMskEventSource, type MskEventSource } from './startMskEventSource';
export type { MskEventSourceOptions, StartingPosition } from './options';
export type { MskEventSourceStats } from './invocation';
export { FailureHeader } from './failureRecord';
