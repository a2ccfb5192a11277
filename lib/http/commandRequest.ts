import { createHash, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { CommandMetadata } from '../domain/decider';
import { ErrorKind } from '../errors/appError';
import type { IdempotencyStore, StoredResponse } from '../idempotency/idempotencyStore';
import { withIdempotency } from '../idempotency/withIdempotency';
import { toAppError } from './classifyError';
import { headerValue, idempotencyKey, parseIfMatch } from './headers';
import { problemResponse } from './problemDetails';

/** What a command route needs beyond its body: metadata for the decider and the caller's If-Match. */
export interface CommandContext {
  readonly metadata: CommandMetadata;
  readonly expectedVersion: number | undefined;
}

export interface CommandRequestOptions {
  /** Where Idempotency-Keys are remembered; without it the header is refused rather than ignored. */
  idempotency: IdempotencyStore;
  /**
   * The invocation's Lambda context: the key is then locked for the time the invocation has left
   * plus a margin, so a retry after a timed-out or killed invocation may run as soon as that one
   * can no longer be running.
   */
  context?: Pick<Context, 'getRemainingTimeInMillis'>;
  /** Overrides the lock derived from `context` (without either: 30 s). */
  lockMs?: number;
  now?: () => Date;
}

// Failures whose outcome is still open must not be replayed: the retry has to run again.
const NOT_REMEMBERED: readonly string[] = [ErrorKind.Unavailable, ErrorKind.IdempotencyConflict];

/**
 * The edge of every command route: reads If-Match and Idempotency-Key, stamps the command with the
 * time and ids the pure decider may not make itself, and runs it at most once per key. The command
 * id is derived from the key, so a retry after a crash is recognised by the command handler too.
 *
 * @example
 * export const handler = httpHandler((event, context) =>
 *   commandRequest(event, { idempotency, context }, async ({ metadata, expectedVersion }) => {
 *     const result = await handle({ aggregateId, command, metadata, expectedVersion });
 *     return jsonResponse(200, view(result), { etag: result.version });
 *   }),
 * );
 */
export async function commandRequest(
  event: APIGatewayProxyEventV2,
  options: CommandRequestOptions,
  run: (context: CommandContext) => Promise<APIGatewayProxyStructuredResultV2>,
): Promise<APIGatewayProxyStructuredResultV2> {
  const key = idempotencyKey(event);
  const expectedVersion = parseIfMatch(event);
  const requestId = event.requestContext.requestId;
  const principal = principalOf(event);
  const metadata: CommandMetadata = {
    now: (options.now?.() ?? new Date()).toISOString(),
    commandId: key ? `idem-${sha256(`${principal}\n${key}`)}` : randomUUID(),
    correlationId: correlationIdOf(event) ?? requestId,
  };
  if (!key) return run({ metadata, expectedVersion });
  const stored = await withIdempotency(
    {
      store: options.idempotency,
      key: `${principal}\n${key}`,
      fingerprint: fingerprintOf(event),
      ...lockOf(options),
      rememberError: (error) => {
        const appError = toAppError(error);
        if (!appError || NOT_REMEMBERED.includes(appError.kind)) return undefined;
        return toStored(problemResponse(appError, requestId));
      },
    },
    async () => toStored(await run({ metadata, expectedVersion })),
  );
  return { statusCode: stored.statusCode, headers: { ...stored.headers }, body: stored.body };
}

// Covers the clock skew between this environment and the one that may take the lock over.
const LOCK_MARGIN_MS = 2_000;

function lockOf({ lockMs, context }: CommandRequestOptions): { lockMs?: number } {
  if (lockMs !== undefined) return { lockMs };
  if (context) return { lockMs: context.getRemainingTimeInMillis() + LOCK_MARGIN_MS };
  return {};
}

/** Keys are per caller: two customers choosing the same key must not see each other's responses. */
function principalOf(event: APIGatewayProxyEventV2): string {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
    .authorizer?.jwt?.claims;
  const sub = claims?.sub;
  return typeof sub === 'string' && sub.length > 0 ? `sub:${sub}` : 'anonymous';
}

function correlationIdOf(event: APIGatewayProxyEventV2): string | undefined {
  const value = headerValue(event, 'x-correlation-id');
  return value && /^[\x21-\x7e]{1,128}$/.test(value) ? value : undefined;
}

/** The request the key must always come with: method, path, query, precondition and body. */
function fingerprintOf(event: APIGatewayProxyEventV2): string {
  return sha256(
    [
      event.requestContext.http.method,
      event.rawPath,
      event.rawQueryString,
      headerValue(event, 'if-match') ?? '',
      event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? ''),
    ].join('\n'),
  );
}

function toStored(response: APIGatewayProxyStructuredResultV2): StoredResponse {
  const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return { statusCode: response.statusCode ?? 200, headers, body: response.body ?? '' };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
