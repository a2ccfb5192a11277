export * from './decider';
export * from './deciderSpecification';
