export * from './paymentCommands';
export * from './paymentDecider';
export * from './paymentEvents';
export * from './paymentState';
