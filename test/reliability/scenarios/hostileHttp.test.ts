import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { LOCAL_JWT_DEFAULTS, signJwt } from '../../../lib/local/httpApi/jwtAuthorizer';
import { mapWithConcurrency } from '../../../lib/projections/mapWithConcurrency';
import { getDynamo } from '../../../functions/platform/dynamo';
import { testKafka } from '../../integration/support/kafka';
import { startLocalSystem } from '../../integration/support/localSystem';
import { uniqueName } from '../../integration/support/names';
import { countDynamoWrites, endOffsets, offsetsMoved } from '../support/counters';
import { deferCleanup } from './cleanup';
import { COMMANDS } from './hostileHttp/contract';
import { commandRequest, queryRequest, routingRequest, type HostileRequest } from './hostileHttp/arbitraries';
import { foreignRequests } from './hostileHttp/foreign';
import { rawSender, type RawReply } from './hostileHttp/rawHttp';
import { fullProfile, recordResult } from './scenarioResult';
import { verifyCell, verifySystem } from '../support/verifyLog';

// Scenario 10: property-based hostile input on every route of the real local system, with the JWT
// authorizer on. Every answer is below 500; every error is problem+json, except API Gateway's own
// answers (404 for no route, 413 over 10 MB, 401 from the authorizer, 403 for a route's scope);
// every command whose input breaks the contract is refused; every well-formed request of another
// customer on the owner's order and account is refused (403, 404, or 503 for a read-your-writes
// wait); and not one of them writes to DynamoDB or produces to Kafka.

const CASES = Number(process.env.RELIABILITY_HTTP_CASES ?? (fullProfile ? 10_000 : 1_000));
const SEED = Number(process.env.RELIABILITY_SEED ?? 20260101);
const CONCURRENCY = 8;
const GATEWAY: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Request Entity Too Large',
};
// Refusals of the contract, and of the caller: the fuzzer aims at random ids, which are other
// customers' accounts and orders to it (404 before the body is read), and a well-formed body naming
// another customer is a 403. Whatever the status, the counters below prove nothing was written.
const REFUSALS = [400, 403, 404, 413, 415];
const BIG = 10 * 1024 * 1024;

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isGatewayAnswer = (reply: RawReply) =>
  GATEWAY[reply.status] !== undefined && reply.text === JSON.stringify({ message: GATEWAY[reply.status] });

/** What is wrong with the shape of an answer, whatever the request: undefined when nothing. */
function shapeProblem(reply: RawReply): string | undefined {
  if (reply.status >= 500) return `status ${reply.status}`;
  const body = parse(reply.text);
  if (reply.status < 400)
    return reply.contentType.startsWith('application/json') && body ? undefined : 'no JSON body';
  if (isGatewayAnswer(reply)) return undefined;
  const problem = reply.contentType === 'application/problem+json' && body?.status === reply.status;
  return problem && typeof body.type === 'string' && typeof body.title === 'string'
    ? undefined
    : 'not problem+json';
}

/** What is wrong with an answer, or undefined. */
const FOREIGN_REFUSALS = [403, 404, 503];

function problemWith(request: HostileRequest, reply: RawReply): string | undefined {
  const shape = shapeProblem(reply);
  if (!shape && request.kind === 'foreign') {
    return FOREIGN_REFUSALS.includes(reply.status) ? undefined : `another customer got ${reply.status}`;
  }
  if (shape || request.kind !== 'command') return shape;
  if (reply.status < 400) return `accepted: ${reply.status}`;
  return isGatewayAnswer(reply) || REFUSALS.includes(reply.status)
    ? undefined
    : `refused with ${reply.status}`;
}

const describeRequest = (r: HostileRequest, reply: RawReply) =>
  `${r.method} ${r.path.slice(0, 120)} ${JSON.stringify(r.headers).slice(0, 200)} body(${r.body.length}) ${JSON.stringify(r.body.subarray(0, 120).toString('utf8'))} → ${reply.status} ${reply.text.slice(0, 200)}`;

describe('scenario 10: hostile HTTP input on every route', () => {
  const defer = deferCleanup();

  it(`${CASES} generated requests: nothing ≥ 500, errors are problem+json, refused commands write nothing`, async () => {
    // The runtime verifies JWTs: the fuzzer is the customer who owns the targets (forged tokens below
    // get API Gateway's 401), Mallory another customer. Given to this runtime only, not through the
    // environment, so that the scenarios run after this one start as they expect.
    const secret = randomBytes(32).toString('hex');
    const jwt = { secret, issuer: LOCAL_JWT_DEFAULTS.issuer, audience: [LOCAL_JWT_DEFAULTS.audience] };
    const customerId = uniqueName('fz-cust');
    const tokenFor = (sub: string, scope?: string) =>
      signJwt(
        {
          sub,
          iss: LOCAL_JWT_DEFAULTS.issuer,
          aud: LOCAL_JWT_DEFAULTS.audience,
          ...(scope ? { scope } : {}),
        },
        secret,
      );
    const token = tokenFor(customerId);
    const bearer = { authorization: `Bearer ${token}` };
    const system = await startLocalSystem({ jwt });
    defer(() => system.stop());
    const sku = uniqueName('fz-sku');
    const clerk = { authorization: `Bearer ${tokenFor('fz-clerk', 'inventory:write')}` };
    await system.post(`/inventory/${sku}/restocks`, { quantity: 10 }, clerk);
    await system.post(`/accounts/${customerId}/deposits`, { amount: 1000 }, bearer);
    const line = { sku, quantity: 1, unitPrice: 100 };
    const placed = await system.post('/orders', { customerId, items: [line] }, bearer);
    expect(placed.status).toBe(201);
    await system.settle();
    const targets = { orderId: String(placed.body.orderId), sku, customerId };

    const { send, close } = rawSender(system.runtime.url, CONCURRENCY);
    defer(close);
    const probe = await send({ method: 'POST', path: '/orders', headers: [], body: Buffer.alloc(0) });
    const authorizer = probe.status === 401;
    expect(authorizer).toBe(true);
    const authorization = (index: number): [string, string][] =>
      index % 10 === 9
        ? [['Authorization', index % 20 === 9 ? `Bearer ${token.slice(0, -3)}abc` : 'Bearer x.y.z']]
        : [['Authorization', `Bearer ${token}`]];

    const counter = countDynamoWrites(getDynamo());
    defer(() => counter.detach());
    const env = process.env;
    const topics = [env.ORDER_TOPIC!, env.INVENTORY_TOPIC!, env.PAYMENT_TOPIC!, env.DEAD_LETTER_TOPIC!];
    topics.push(env.ORDER_TOPIC!.replace(/orders$/, 'lambda-failures'));
    const kafka = testKafka('hostile-http');
    const before = await endOffsets(kafka, topics);

    const commandCount = Math.round(CASES * 0.5);
    const queryCount = Math.round(CASES * 0.3);
    const foreignCount = Math.round(CASES * 0.1);
    const cases: HostileRequest[] = [
      ...fc.sample(commandRequest(), { numRuns: commandCount, seed: SEED }),
      ...fc.sample(queryRequest(targets), { numRuns: queryCount, seed: SEED + 1 }),
      ...foreignRequests(targets, foreignCount, tokenFor(uniqueName('fz-mallory'))),
      ...fc.sample(routingRequest(), {
        numRuns: CASES - commandCount - queryCount - foreignCount,
        seed: SEED + 2,
      }),
      // API Gateway's own limit, and a body just under it that the handler refuses (64 KB).
      ...[BIG + 1, BIG].map((size) => ({
        kind: 'command' as const,
        method: 'POST',
        path: '/orders',
        headers: [['content-type', 'application/json']] as [string, string][],
        body: Buffer.alloc(size, 'a'),
        contract: COMMANDS[0]!,
      })),
    ];
    const statuses: Record<string, number> = {};
    const failures: string[] = [];
    const started = Date.now();
    await mapWithConcurrency(cases, CONCURRENCY, async (request) => {
      const index = cases.indexOf(request);
      const reply = await send(request, request.kind === 'foreign' ? [] : authorization(index)).catch(
        (error: Error) => ({
          status: 0,
          contentType: '',
          text: error.message,
        }),
      );
      statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
      const wrong = reply.status === 0 ? 'no answer' : problemWith(request, reply);
      if (wrong) failures.push(`${wrong}: ${describeRequest(request, reply)}`);
    });
    const seconds = (Date.now() - started) / 1000;
    await system.settle();
    const moved = offsetsMoved(before, await endOffsets(kafka, topics));
    const records = Object.values(moved).reduce((a, b) => a + b, 0);
    const verified = await verifySystem();

    recordResult('10-hostile-http', {
      scenario: '10. Hostile HTTP input on every route (property-based)',
      load: `${cases.length} generated requests (fast-check seed ${SEED}) on every route plus unrouted paths and methods, ${CONCURRENCY} in flight, ${seconds.toFixed(1)} s`,
      faults:
        "hostile bodies, headers, paths, queries, methods and content types; 10 MB bodies; forged tokens; another customer's well-formed requests on the owner's order and account",
      acknowledged: cases.length - (statuses[0] ?? 0),
      lost: counter.writes.length + records,
      duplicated: 0,
      recoverySeconds: null,
      verify: verifyCell(verified),
      notes:
        `acknowledged counts requests answered (every command among them refused); statuses ${JSON.stringify(statuses)}; JWT authorizer ${authorizer ? 'on' : 'off'}; ` +
        `${failures.length} answers broke the contract; ${counter.writes.length} DynamoDB writes and ${records} Kafka offsets during the run ` +
        `("lost" counts these leaks).`,
    });

    expect(failures.slice(0, 20)).toEqual([]);
    expect(counter.writes).toEqual([]);
    expect(moved).toEqual({});
    expect(verified.mismatches).toEqual([]);
  }, 300_000);
});
