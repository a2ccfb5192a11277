import { AppError, ErrorKind } from '../errors/appError';
import type { Caller } from './caller';

/**
 * What a route needs of its caller, stated by the route; decided only here.
 * - `signedIn`: any verified caller.
 * - `scope`: a staff role; a caller without it gets 403.
 * - `owner`: the resource belongs to `owner` (a customer id; undefined: to nobody yet, or it does
 *   not exist); other callers get `hidden()` — a 404 that says exactly what a missing one says, so
 *   ids of other customers' orders and accounts reveal nothing — unless they hold `unless`.
 * - `actingAs`: the caller acts on behalf of `customer` (a new order's customer); acting for
 *   someone else takes `unless`, else 403.
 */
export type Need =
  | { readonly signedIn: true }
  | { readonly scope: Scopes }
  | { readonly owner: string | undefined; readonly unless?: Scopes; readonly hidden: () => AppError }
  | { readonly actingAs: string; readonly unless?: Scopes };

/** A scope, or several of which any one will do. */
export type Scopes = string | readonly string[];

/**
 * The one authorization decision of a request. Throws: 401 for no verified caller, 403 for a
 * missing role, the route's 404 for someone else's resource. An `open` caller (the local runtime
 * without an authorizer) passes every check.
 *
 * @example
 * authorize(caller, { owner: order.customerId, unless: Scope.OrdersAdmin, hidden: () => notFound('order', id) });
 */
export function authorize(caller: Caller, need: Need): void {
  if (caller.kind === 'open') return;
  if (caller.kind === 'anonymous') {
    throw new AppError(ErrorKind.Unauthorized, 'a valid bearer token is required');
  }
  if ('signedIn' in need) return;
  if ('scope' in need) {
    if (!holdsAny(caller, need.scope))
      throw forbidden(`this needs the scope ${[need.scope].flat().join(' or ')}`);
    return;
  }
  if ('owner' in need) {
    if (!mayAccess(caller, need.owner, need.unless)) throw need.hidden();
    return;
  }
  if (!mayAccess(caller, need.actingAs, need.unless)) {
    throw forbidden(`you may act for yourself (${caller.subject}) only`);
  }
}

/**
 * Whether the caller may see what `owner` owns: the owner, a holder of `unless`, or anyone when
 * open. For reads that must treat an invisible resource exactly as a missing one (read-your-writes
 * waits), where throwing at once would tell them apart.
 */
export function mayAccess(caller: Caller, owner: string | undefined, unless?: Scopes): boolean {
  if (caller.kind === 'open') return true;
  if (caller.kind === 'anonymous') return false;
  if (unless !== undefined && holdsAny(caller, unless)) return true;
  return owner !== undefined && owner === caller.subject;
}

function holdsAny(caller: Extract<Caller, { kind: 'user' }>, scopes: Scopes): boolean {
  return [scopes].flat().some((scope) => caller.scopes.has(scope));
}

/**
 * The customer a request is about: the one it names (a body or query field, which `authorize`
 * must then check), else the caller. Without either — the open local runtime, nothing named — it
 * is a 400 naming `field`.
 */
export function customerFor(caller: Caller, named: string | undefined, field: string): string {
  const customer = named ?? (caller.kind === 'user' ? caller.subject : undefined);
  if (customer !== undefined) return customer;
  const message = 'required when no token names the caller';
  throw new AppError(ErrorKind.Validation, `${field} is ${message}`, { issues: [{ field, message }] });
}

const forbidden = (message: string) => new AppError(ErrorKind.Forbidden, message);
