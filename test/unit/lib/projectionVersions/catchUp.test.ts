import { caughtUp, reachedEnd, rebuildRate } from '../../../../lib/projectionVersions/catchUp';

const lag = (partition: number, committed: string, high: string) => ({
  partition,
  committed,
  high,
  lag: Number(BigInt(high) - (BigInt(committed) < 0n ? 0n : BigInt(committed))),
});

describe('catching up', () => {
  it('is caught up with nothing left on any partition', () => {
    expect(caughtUp([lag(0, '10', '10'), lag(1, '4', '4')])).toBe(true);
  });

  it('is caught up when at least as far as the live version on every partition, even with lag', () => {
    expect(caughtUp([lag(0, '9', '10')], [lag(0, '9', '10')])).toBe(true);
    expect(caughtUp([lag(0, '8', '10')], [lag(0, '9', '10')])).toBe(false);
  });

  it('is not caught up with records left and no live version to compare with', () => {
    expect(caughtUp([lag(0, '-1', '10')])).toBe(false);
  });

  it('says a frozen copy is complete once it has read the log as it was when it began', () => {
    expect(reachedEnd([lag(0, '12', '20'), lag(1, '-1', '3')], { '0': '12', '1': '0' })).toBe(true);
    expect(reachedEnd([lag(0, '11', '20')], { '0': '12' })).toBe(false);
  });

  it('computes rate, ETA and share done between two samples', () => {
    expect(
      rebuildRate({ total: 100_000, previous: { at: 0, left: 100_000 }, now: { at: 1_000, left: 90_000 } }),
    ).toEqual({ eventsPerSecond: 10_000, etaSeconds: 9, done: 0.1 });
    expect(rebuildRate({ total: 10, previous: { at: 0, left: 10 }, now: { at: 1_000, left: 10 } })).toEqual({
      eventsPerSecond: 0,
      etaSeconds: undefined,
      done: 0,
    });
  });
});
