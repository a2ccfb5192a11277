import type { FunctionSpec } from '../topology';

/** What a function does, as far as the size of its deployed zip is concerned. */
export type FunctionKind = 'command' | 'query' | 'projection' | 'reactor' | 'scheduled';

/**
 * The kind of a topology function: an HTTP command, an HTTP query, a consumer of a topic that
 * writes views (projection) or appends in a Kafka transaction (reactor), or the scheduled recovery.
 *
 * @example
 * functionKind(functions.find((spec) => spec.name === 'getOrder')!); // 'query'
 */
export function functionKind(spec: FunctionSpec): FunctionKind {
  if (spec.command) return 'command';
  if (spec.http) return 'query';
  if (spec.msk) return spec.transactional ? 'reactor' : 'projection';
  return 'scheduled';
}

/**
 * The largest zip `serverless package` may write per kind, in bytes: the targets of issue 14 for
 * commands, projections and queries. Reactors and the scheduled function append to Kafka in
 * transactions as commands do, so they get the commands' limit.
 */
export const ZIP_LIMITS: Readonly<Record<FunctionKind, number>> = {
  query: 150 * 1024,
  projection: 250 * 1024,
  command: 400 * 1024,
  reactor: 400 * 1024,
  scheduled: 400 * 1024,
};
