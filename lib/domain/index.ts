export * from './decider';
export * from './checkCommand';
export * from './deciderSpecification';
