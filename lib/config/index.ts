export * from './infraConfig';
export * from './readEnv';
