import {
  defaultBackoffMs,
  runWithRetries,
  type InvocationResult,
  type RetryDependencies,
} from '../../../../../lib/local/mskEventSource/runWithRetries';

type Invoke = (records: readonly number[]) => InvocationResult;

function deps(invoke: Invoke, overrides: Partial<RetryDependencies<number>> = {}) {
  const calls: number[][] = [];
  const pauses: number[] = [];
  const dependencies: RetryDependencies<number> = {
    invoke: (records) => {
      calls.push([...records]);
      return Promise.resolve(invoke(records));
    },
    maxRetries: 3,
    bisect: false,
    backoffMs: defaultBackoffMs,
    sleep: (ms) => {
      pauses.push(ms);
      return Promise.resolve();
    },
    stopping: () => false,
    ...overrides,
  };
  return { dependencies, calls, pauses };
}

const fail = (error = new Error('boom')): InvocationResult => ({ ok: false, error, requestId: 'req-1' });
const ok: InvocationResult = { ok: true };
const failingTimes = (times: number): Invoke => {
  let left = times;
  return () => (left-- > 0 ? fail() : ok);
};
const poison =
  (bad: number): Invoke =>
  (records) =>
    records.includes(bad) ? fail() : ok;

describe('runWithRetries', () => {
  it('invokes once when the function succeeds', async () => {
    const { dependencies, calls } = deps(() => ok);
    expect(await runWithRetries([1, 2], dependencies)).toEqual([
      { records: [1, 2], outcome: 'succeeded', attempts: 1 },
    ]);
    expect(calls).toEqual([[1, 2]]);
  });

  it('retries the whole batch, same records, with a growing pause', async () => {
    const { dependencies, calls, pauses } = deps(failingTimes(2));
    const segments = await runWithRetries([1, 2, 3], dependencies);
    expect(segments).toEqual([{ records: [1, 2, 3], outcome: 'succeeded', attempts: 3 }]);
    expect(calls).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(pauses).toEqual([100, 200]);
  });

  it('gives up after the first attempt plus maximumRetryAttempts', async () => {
    const error = new Error('poison');
    const { dependencies, calls } = deps(() => fail(error), { maxRetries: 2 });
    expect(await runWithRetries([1], dependencies)).toEqual([
      { records: [1], outcome: 'failed', error, requestId: 'req-1', attempts: 3 },
    ]);
    expect(calls).toHaveLength(3);
  });

  it('does not retry at all with maximumRetryAttempts 0', async () => {
    const { dependencies, calls } = deps(() => fail(), { maxRetries: 0 });
    expect((await runWithRetries([1], dependencies))[0]!.outcome).toBe('failed');
    expect(calls).toHaveLength(1);
  });

  it('caps the pause at one second', () => {
    expect([1, 2, 3, 4, 5, 10].map(defaultBackoffMs)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('bisects down to the poison record, in order, and lets the others succeed', async () => {
    const { dependencies, calls } = deps(poison(3), { bisect: true, maxRetries: 5 });
    const segments = await runWithRetries([1, 2, 3, 4], dependencies);
    expect(segments.map((s) => [s.records, s.outcome])).toEqual([
      [[1, 2], 'succeeded'],
      [[3], 'failed'],
      [[4], 'succeeded'],
    ]);
    // [1..4] fails, [1,2] ok, [3,4] fails, [3] fails and is retried alone until the budget is spent.
    expect(calls.slice(0, 4)).toEqual([[1, 2, 3, 4], [1, 2], [3, 4], [3]]);
    expect(calls.filter((c) => c.length === 1 && c[0] === 3)).toHaveLength(4);
  });

  it('counts a split as one retry: halves get the retries that remain', async () => {
    const { dependencies, calls } = deps(() => fail(), { bisect: true, maxRetries: 1 });
    const segments = await runWithRetries([1, 2], dependencies);
    expect(segments.map((s) => [s.records, s.outcome, s.attempts])).toEqual([
      [[1], 'failed', 1],
      [[2], 'failed', 1],
    ]);
    expect(calls).toEqual([[1, 2], [1], [2]]);
  });

  it('stops retrying when the emulator stops, marking the rest interrupted', async () => {
    let stopping = false;
    const { dependencies, calls } = deps(
      () => {
        stopping = true;
        return fail();
      },
      { stopping: () => stopping, maxRetries: Infinity },
    );
    const segments = await runWithRetries([1, 2], dependencies);
    expect(segments.map((s) => s.outcome)).toEqual(['interrupted']);
    expect(calls).toHaveLength(1);
  });

  it('marks the second half interrupted when the first half is interrupted', async () => {
    let stopping = false;
    const { dependencies } = deps(
      (records) => {
        stopping = records.length === 2;
        return fail();
      },
      { bisect: true, maxRetries: Infinity, stopping: () => stopping },
    );
    const segments = await runWithRetries([1, 2, 3, 4], dependencies);
    expect(segments.map((s) => [s.records, s.outcome])).toEqual([
      [[1, 2], 'interrupted'],
      [[3, 4], 'interrupted'],
    ]);
  });
});
