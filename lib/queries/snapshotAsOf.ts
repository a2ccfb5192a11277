import type { DomainEvent } from '../domain/decider';
import { AppError, ErrorKind } from '../errors/appError';
import type { EventHistory } from '../history/eventHistory';
import type { Projection } from '../projections/projection';
import type { Snapshot } from '../snapshots/snapshotStore';

export type PointInTime = { readonly version: number } | { readonly at: string };

/**
 * A read-model document as it was: right after version `n`, or after the last event at or before
 * an instant — folded from the log with the projection's own `evolve`, not stored per version.
 * Throws a 404 that names the current version when there is no such point (before the first event,
 * or past the last). Check that the caller may see the aggregate first: the 404 says it exists.
 *
 * @example
 * const snapshot = await snapshotAsOf({ history, projection: orderView }, 'order', id, { version: 3 });
 */
export async function snapshotAsOf<Doc, Event extends DomainEvent>(
  sources: {
    readonly history: EventHistory<Event>;
    readonly projection: Pick<Projection<Doc, Event>, 'evolve'>;
  },
  what: string,
  id: string,
  point: PointInTime,
): Promise<Snapshot<Doc>> {
  const { history, projection } = sources;
  const current = (await history.latest(id))?.version ?? 0;
  const version =
    'version' in point ? point.version : ((await history.versionAt(id, point.at))?.version ?? 0);
  if (version < 1 || version > current) throw noSuchPoint(what, id, point, current);
  const envelopes = await history.range(id, 1, version);
  const doc = envelopes.reduce<Doc | undefined>(
    (state, envelope) => projection.evolve(state, envelope),
    undefined,
  );
  return { id, version, doc: doc as Doc, lastEventAt: envelopes.at(-1)!.time };
}

function noSuchPoint(what: string, id: string, point: PointInTime, current: number): AppError {
  const details = { id, currentVersion: current };
  if (current === 0) return new AppError(ErrorKind.NotFound, `${what} ${id} does not exist`, { details });
  const asked = 'version' in point ? `has no version ${point.version}` : `did not exist at ${point.at}`;
  return new AppError(ErrorKind.NotFound, `${what} ${id} ${asked}; its current version is ${current}`, {
    details,
  });
}
