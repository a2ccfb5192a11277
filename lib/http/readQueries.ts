import * as z from 'zod';

const version = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * The query of a read-model route: `minVersion` (read your writes), or the document as it was —
 * `version` (right after that event) or `at` (an RFC 3339 instant: after the last event at or
 * before it). At most one of them.
 */
export const readQuery = z
  .strictObject({
    minVersion: version.optional(),
    version: version.min(1).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((query) => [query.minVersion, query.version, query.at].filter((v) => v !== undefined).length <= 1, {
    message: 'give at most one of minVersion, version and at',
  });
export type ReadQuery = z.infer<typeof readQuery>;

/** The query of a history route: events from `fromVersion`, at most `limit` of them. */
export const historyQuery = z.strictObject({
  fromVersion: version.min(1).default(1),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type HistoryQuery = z.infer<typeof historyQuery>;

/** The point in time a read query asks for, if it asks for one. */
export function pointInTime(query: ReadQuery): { version: number } | { at: string } | undefined {
  if (query.version !== undefined) return { version: query.version };
  if (query.at !== undefined) return { at: query.at };
  return undefined;
}
