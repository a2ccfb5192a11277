import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * Who sent a request, as the HTTP API's JWT authorizer vouched for them: the token's `sub` and its
 * scopes (`scope`, space-separated as in OAuth 2.0, or a `scp` list). `open` is the local runtime
 * started without an authorizer, where nobody is checked; `anonymous` a request that carries no
 * verified token (API Gateway refuses those before the function; this is the second line).
 */
export type Caller =
  | { readonly kind: 'open' }
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'user'; readonly subject: string; readonly scopes: ReadonlySet<string> };

/** How requests are authenticated: `jwt` (AWS, and locally with an authorizer) or `open` (locally). */
export type AuthMode = 'jwt' | 'open';

interface JwtContext {
  readonly claims?: Record<string, unknown>;
  readonly scopes?: readonly unknown[] | null;
}

/**
 * The caller of an API Gateway (payload 2.0) request, from what its JWT authorizer put into
 * `requestContext.authorizer.jwt`. Nothing else — no header, no body field — can name a caller.
 *
 * @example
 * const caller = callerOf(event, 'jwt'); // { kind: 'user', subject: 'alice', scopes: Set {} }
 */
export function callerOf(event: APIGatewayProxyEventV2, mode: AuthMode): Caller {
  if (mode === 'open') return { kind: 'open' };
  const jwt = (event.requestContext as { authorizer?: { jwt?: JwtContext } }).authorizer?.jwt;
  const subject = jwt?.claims?.sub;
  if (typeof subject !== 'string' || subject.length === 0) return { kind: 'anonymous' };
  return { kind: 'user', subject, scopes: scopesOf(jwt!) };
}

function scopesOf(jwt: JwtContext): ReadonlySet<string> {
  const listed: readonly unknown[] = Array.isArray(jwt.scopes) ? jwt.scopes : [];
  const claim = jwt.claims?.scope ?? jwt.claims?.scp;
  const claimed: readonly unknown[] =
    typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? (claim as unknown[]) : [];
  return new Set(
    [...listed, ...claimed].filter((scope): scope is string => typeof scope === 'string' && scope !== ''),
  );
}
