export * from './caller';
export * from './policy';
