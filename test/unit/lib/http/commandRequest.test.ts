import { AppError, ErrorKind } from '../../../../lib/errors/appError';
import { commandRequest, type CommandContext } from '../../../../lib/http/commandRequest';
import { jsonResponse } from '../../../../lib/http/response';
import { InMemoryIdempotencyStore } from '../../../../lib/idempotency/inMemoryIdempotencyStore';
import { eventWith } from './httpEvent';

const now = () => new Date('2026-01-01T00:00:00.000Z');

function setup() {
  const idempotency = new InMemoryIdempotencyStore();
  const seen: CommandContext[] = [];
  let calls = 0;
  const run = (headers: Record<string, string>, body = '{"a":1}', fail?: AppError) =>
    commandRequest(eventWith({ headers, body }), { idempotency, now }, (context) => {
      seen.push(context);
      calls += 1;
      return fail
        ? Promise.reject(fail)
        : Promise.resolve(jsonResponse(201, { call: calls }, { etag: calls }));
    });
  return { run, seen, calls: () => calls };
}

describe('commandRequest', () => {
  it('stamps the command with the time, a fresh command id and the request id as correlation id', async () => {
    const { run, seen } = setup();
    await run({});
    await run({});
    expect(seen[0]?.metadata.now).toBe('2026-01-01T00:00:00.000Z');
    expect(seen[0]?.metadata.commandId).not.toBe(seen[1]?.metadata.commandId);
    expect(seen[0]?.expectedVersion).toBeUndefined();
  });

  it('passes If-Match as the expected version and x-correlation-id as the correlation id', async () => {
    const { run, seen } = setup();
    await run({ 'if-match': '"7"', 'x-correlation-id': 'corr-9' });
    expect(seen[0]).toMatchObject({ expectedVersion: 7, metadata: { correlationId: 'corr-9' } });
  });

  it('derives the same command id from the same Idempotency-Key and replays the first response', async () => {
    const { run, calls } = setup();
    const first = await run({ 'idempotency-key': 'k-1' });
    const again = await run({ 'idempotency-key': 'k-1' });
    expect(calls()).toBe(1);
    expect(again).toMatchObject({
      statusCode: 201,
      body: first.body,
      headers: { 'idempotent-replayed': 'true' },
    });
  });

  it('refuses the same Idempotency-Key with another body', async () => {
    const { run } = setup();
    await run({ 'idempotency-key': 'k-2' });
    await expect(run({ 'idempotency-key': 'k-2' }, '{"a":2}')).rejects.toMatchObject({
      kind: 'idempotency_mismatch',
    });
  });

  it('remembers a definitive rejection as its problem response, but not an unavailable one', async () => {
    const { run, calls } = setup();
    const rejected = await run(
      { 'idempotency-key': 'k-3' },
      '{}',
      new AppError(ErrorKind.BusinessRule, 'no'),
    );
    expect(rejected.statusCode).toBe(422);
    expect((await run({ 'idempotency-key': 'k-3' }, '{}')).statusCode).toBe(422);

    const down = new AppError(ErrorKind.Unavailable, 'down');
    await expect(run({ 'idempotency-key': 'k-4' }, '{}', down)).rejects.toBe(down);
    expect((await run({ 'idempotency-key': 'k-4' }, '{}')).statusCode).toBe(201);
    expect(calls()).toBe(3);
  });

  it('locks the key for the time the invocation has left plus a margin, unless told otherwise', async () => {
    const idempotency = new InMemoryIdempotencyStore();
    const begin = jest.spyOn(idempotency, 'begin');
    const context = { getRemainingTimeInMillis: () => 9_500 };
    const ok = () => Promise.resolve(jsonResponse(200, {}));
    const event = (key: string) => eventWith({ headers: { 'idempotency-key': key } });
    await commandRequest(event('k-5'), { idempotency, context }, ok);
    await commandRequest(event('k-6'), { idempotency, context, lockMs: 4_000 }, ok);
    await commandRequest(event('k-7'), { idempotency }, ok);
    expect(begin.mock.calls.map(([request]) => request.lockMs)).toEqual([11_500, 4_000, 30_000]);
  });
});
