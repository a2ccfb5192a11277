import { AppendQueue } from '../../../../lib/eventLog/appendQueue';
import type { LogRecord } from '../../../../lib/eventLog/eventLog';

const record = (value: string): LogRecord => ({ topic: 't', key: 'k', value, headers: {} });

const deferred = () => {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

/** A queue over slots whose sends wait until the test settles them, one by one. */
function setup(slots: string[], maxBytes?: number) {
  const sends: {
    slot: string;
    values: string[];
    until: number | undefined;
    done: ReturnType<typeof deferred>;
  }[] = [];
  const queue = new AppendQueue(
    slots,
    (slot, records, until) => {
      const done = deferred();
      sends.push({ slot, values: records.map((r) => r.value), until, done });
      return done.promise;
    },
    { waitedTooLong: () => new Error('no slot in time'), ...(maxBytes ? { maxBytes } : {}) },
  );
  return { queue, sends };
}

describe('AppendQueue', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('lets appends that wait for the busy producer share its next transaction, each whole and in order', async () => {
    const { queue, sends } = setup(['p']);
    const first = queue.append([record('a1')]);
    const waiting = [queue.append([record('b1'), record('b2')]), queue.append([record('c1')])];
    expect(sends.map((s) => s.values)).toEqual([['a1']]);

    sends[0]!.done.resolve();
    await first;
    expect(sends.map((s) => s.values)).toEqual([['a1'], ['b1', 'b2', 'c1']]);
    sends[1]!.done.resolve();
    await Promise.all(waiting);
  });

  it('gives every append of a transaction its one outcome', async () => {
    const { queue, sends } = setup(['p']);
    const first = queue.append([record('a')]);
    const [b, c] = [queue.append([record('b')]), queue.append([record('c')])];
    sends[0]!.done.resolve();
    await first;
    sends[1]!.done.reject(new Error('commit outcome unknown'));
    await expect(b).rejects.toThrow('commit outcome unknown');
    await expect(c).rejects.toThrow('commit outcome unknown');
  });

  it('uses every free producer, and keeps a transaction within the byte budget', async () => {
    const { queue, sends } = setup(['p', 'q'], 4);
    void queue.append([record('aa')]);
    void queue.append([record('bb')]);
    void queue.append([record('cc')]);
    void queue.append([record('dd')]);
    void queue.append([record('ee')]);
    expect(sends.map((s) => [s.slot, s.values])).toEqual([
      ['q', ['aa']],
      ['p', ['bb']],
    ]);
    sends[0]!.done.resolve();
    await jest.advanceTimersByTimeAsync(0);
    // "kk" + "cc" + "kk" + "dd" is 8 bytes: past the budget of 4, the first append still goes alone.
    expect(sends[2]!.values).toEqual(['cc']);
  });

  it('gives up an append still waiting at its deadline, sending nothing of it', async () => {
    const { queue, sends } = setup(['p']);
    const busy = queue.append([record('a')], 1_000);
    const late = queue.append([record('b')], 100).catch((error: Error) => error.message);
    const patient = queue.append([record('c')]);
    await jest.advanceTimersByTimeAsync(100);
    expect(await late).toBe('no slot in time');
    sends[0]!.done.resolve();
    await busy;
    expect(sends[1]!.values).toEqual(['c']);
    expect(sends[0]!.until).toBe(1_000);
    sends[1]!.done.resolve();
    await patient;
  });

  it('bounds a shared transaction by the earliest deadline among its appends', async () => {
    const { queue, sends } = setup(['p']);
    const first = queue.append([record('a')]);
    const shared = [queue.append([record('b')], 5_000), queue.append([record('c')], 3_000)];
    sends[0]!.done.resolve();
    await first;
    expect(sends[1]!.until).toBe(3_000);
    sends[1]!.done.resolve();
    await Promise.all(shared);
  });
});
