export * from './sameJson';
export * from './verifyAggregate';
export * from './verifyAll';
