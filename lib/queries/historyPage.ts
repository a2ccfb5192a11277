import type { DomainEvent } from '../domain/decider';
import type { EventCatalog } from '../envelope/eventCatalog';
import { AppError, ErrorKind } from '../errors/appError';
import { toCloudEvent, type CloudEventJson } from '../history/cloudEvent';
import type { EventHistory } from '../history/eventHistory';

/** The body of a history route: CloudEvents in version order, and where to go on. */
export interface HistoryBody {
  readonly events: CloudEventJson[];
  readonly nextFromVersion?: number;
}

/**
 * One page of an aggregate's events as CloudEvents JSON (structured format). An aggregate with no
 * events is a 404; past its last version, an empty page.
 *
 * @example
 * const body = await historyPage(history, orderCatalog, 'order', id, { fromVersion: 1, limit: 100 });
 */
export async function historyPage<Event extends DomainEvent>(
  history: EventHistory<Event>,
  catalog: EventCatalog<Event>,
  what: string,
  id: string,
  query: { readonly fromVersion: number; readonly limit: number },
): Promise<HistoryBody> {
  const page = await history.page(id, query);
  if (page.envelopes.length === 0 && !(await history.latest(id))) {
    throw new AppError(ErrorKind.NotFound, `${what} ${id} has no events`, { details: { id } });
  }
  return {
    events: page.envelopes.map((envelope) => toCloudEvent(envelope, catalog)),
    ...(page.next === undefined ? {} : { nextFromVersion: page.next }),
  };
}
