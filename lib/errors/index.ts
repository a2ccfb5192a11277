export * from './appError';
export * from './domainErrors';
