import { SlotPool } from '../../../../lib/eventLog/producerPool';

const deferred = () => {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('SlotPool', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('hands each slot to one caller at a time, the next waiter taking it on release', async () => {
    const pool = new SlotPool(['a']);
    const first = deferred();
    const seen: string[] = [];
    const one = pool.use(async (slot) => {
      seen.push(`1:${slot}`);
      await first.promise;
    });
    const two = pool.use((slot) => Promise.resolve(void seen.push(`2:${slot}`)));
    await Promise.resolve();
    expect(seen).toEqual(['1:a']);
    first.resolve();
    await Promise.all([one, two]);
    expect(seen).toEqual(['1:a', '2:a']);
  });

  it('gives up waiting at the limit, and the slot then goes to the next waiter, not to the one that gave up', async () => {
    const pool = new SlotPool(['a']);
    const busy = deferred();
    const holder = pool.use(() => busy.promise);
    const ran: string[] = [];
    const limited = pool.use(() => Promise.resolve(void ran.push('limited')), {
      until: 100,
      error: () => new Error('no slot within 100 ms'),
    });
    const patient = pool.use(() => Promise.resolve(void ran.push('patient')));
    const outcome = limited.catch((error: Error) => error.message);
    await jest.advanceTimersByTimeAsync(100);
    expect(await outcome).toBe('no slot within 100 ms');
    busy.resolve();
    await Promise.all([holder, patient]);
    expect(ran).toEqual(['patient']);
  });
});
