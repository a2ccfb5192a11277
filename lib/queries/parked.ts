import { AppError, ErrorKind } from '../errors/appError';
import type { Snapshot } from '../snapshots/snapshotStore';

/**
 * What a query adds to a document whose aggregate is parked: it is correct up to `version`, and
 * later events wait on the dead-letter topic (`kes dlq list`) — a reader must not take it for
 * current. A snapshot parked before its first event holds nothing to show: 503, saying why.
 *
 * @example
 * return jsonResponse(200, { ...body, ...parkedNotice(snapshot) });
 */
export function parkedNotice(snapshot: Snapshot<unknown>): { parked?: ParkedNotice } {
  const mark = snapshot.parked;
  if (!mark) return {};
  if (snapshot.version === 0) {
    throw new AppError(ErrorKind.Unavailable, `${snapshot.id} is parked at its first event: ${mark.reason}`, {
      retryAfterSeconds: 60,
      details: { id: snapshot.id, parkedAtVersion: mark.version, reason: mark.reason },
    });
  }
  return { parked: { atVersion: mark.version, reason: mark.reason, detail: mark.detail, since: mark.since } };
}

export interface ParkedNotice {
  /** The first version not applied. */
  readonly atVersion: number;
  readonly reason: string;
  readonly detail: string;
  readonly since: string;
}
