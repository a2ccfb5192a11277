import { progressLine } from '../../../../infra/cli/progressBar';

describe('the rebuild progress line', () => {
  it('shows the bar, share done, rate, ETA and what is left', () => {
    expect(
      progressLine({
        version: 2,
        total: 100_000,
        left: 69_000,
        done: 0.31,
        eventsPerSecond: 12_400.4,
        etaSeconds: 42,
      }),
    ).toBe('v2 [#########.....................]  31%  12,400 events/s  ETA 0:42  (69,000 left)');
  });

  it('has no ETA while nothing moves', () => {
    expect(
      progressLine({ version: 3, total: 10, left: 10, done: 0, eventsPerSecond: 0, etaSeconds: undefined }),
    ).toContain('ETA --:--');
  });
});
