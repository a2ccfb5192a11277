import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authorize } from '../../lib/auth/policy';
import { callerOf, type Caller } from '../../lib/auth/caller';
import { getConfig } from './config';

/**
 * The verified caller of a request to a route that is not public: a 401 unless the JWT authorizer
 * vouched for one (or the local runtime is open). What the caller may then do, each route states
 * with `authorize` (lib/auth/policy.ts) and docs/SECURITY.md tabulates.
 *
 * @example
 * const caller = signedInCaller(event);
 * authorize(caller, { scope: Scope.InventoryWrite });
 */
export function signedInCaller(event: APIGatewayProxyEventV2): Caller {
  const caller = callerOf(event, getConfig().AUTH_MODE);
  authorize(caller, { signedIn: true });
  return caller;
}
