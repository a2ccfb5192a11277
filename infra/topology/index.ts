/**
 * What the system is made of — topics, tables, functions — as plain data. The local runtime
 * (`npm start`) and the AWS deployment (`serverless.yml` through `infra/aws/`) both read it, so a
 * route, a consumer group or a table key exists in one place only. No I/O here.
 */
export * from './functions';
export * from './projectionVersions';
export * from './specs';
export * from './rules';
export * from './storage';
