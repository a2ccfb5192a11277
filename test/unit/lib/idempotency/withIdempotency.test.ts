import { AppError, ErrorKind } from '../../../../lib/errors/appError';
import { InMemoryIdempotencyStore } from '../../../../lib/idempotency/inMemoryIdempotencyStore';
import { withIdempotency } from '../../../../lib/idempotency/withIdempotency';

const ok = { statusCode: 201, headers: { etag: '"1"' }, body: '{"id":"a"}' };
const rememberError = (error: unknown) =>
  error instanceof AppError && error.kind !== ErrorKind.Unavailable
    ? { statusCode: 409, headers: {}, body: error.message }
    : undefined;

function setup() {
  const store = new InMemoryIdempotencyStore();
  let clock = 1_000_000;
  const run = (fingerprint: string, work: () => Promise<typeof ok>) =>
    withIdempotency({ store, key: 'k', fingerprint, rememberError, lockMs: 1000, now: () => clock }, work);
  const advance = (ms: number) => {
    clock += ms;
  };
  return { run, advance };
}

describe('withIdempotency', () => {
  it('runs the work once and replays its response for the same key and request', async () => {
    const { run } = setup();
    const work = jest.fn(() => Promise.resolve(ok));
    await run('f', work);
    const again = await run('f', work);
    expect(work).toHaveBeenCalledTimes(1);
    expect(again).toEqual({ ...ok, headers: { ...ok.headers, 'idempotent-replayed': 'true' } });
  });

  it('rejects the same key with a different request as idempotency_mismatch', async () => {
    const { run } = setup();
    await run('f', () => Promise.resolve(ok));
    await expect(run('other', () => Promise.resolve(ok))).rejects.toMatchObject({
      kind: 'idempotency_mismatch',
    });
  });

  it('answers a concurrent repeat with idempotency_conflict while the first is running', async () => {
    const { run } = setup();
    let finish: (value: typeof ok) => void = () => undefined;
    const first = run('f', () => new Promise((resolve) => (finish = resolve)));
    await expect(run('f', () => Promise.resolve(ok))).rejects.toMatchObject({ kind: 'idempotency_conflict' });
    finish(ok);
    await expect(first).resolves.toEqual(ok);
  });

  it('remembers a definitive rejection and replays it', async () => {
    const { run } = setup();
    const reject = () => Promise.reject(new AppError(ErrorKind.InvalidTransition, 'no'));
    await expect(run('f', reject)).resolves.toMatchObject({ statusCode: 409 });
    const work = jest.fn(() => Promise.resolve(ok));
    await expect(run('f', work)).resolves.toMatchObject({ statusCode: 409 });
    expect(work).not.toHaveBeenCalled();
  });

  it('releases the key after an unavailable failure so that a retry runs again', async () => {
    const { run } = setup();
    const down = () => Promise.reject(new AppError(ErrorKind.Unavailable, 'down'));
    await expect(run('f', down)).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(run('f', () => Promise.resolve(ok))).resolves.toEqual(ok);
  });

  it('lets a retry take over a key whose owner died, once the lock has expired', async () => {
    const { run, advance } = setup();
    void run('f', () => new Promise(() => undefined)); // never finishes: its process died
    await expect(run('f', () => Promise.resolve(ok))).rejects.toMatchObject({ kind: 'idempotency_conflict' });
    advance(1001);
    await expect(run('f', () => Promise.resolve(ok))).resolves.toEqual(ok);
  });
});
