import { mapWithConcurrency } from '../../../../lib/projections/mapWithConcurrency';

describe('mapWithConcurrency', () => {
  it('never runs more than the limit at once and reports outcomes in input order', async () => {
    let running = 0;
    let peak = 0;
    const outcomes = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      if (n === 4) throw new Error('four');
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      50,
      10,
      'four',
      20,
      30,
      0,
    ]);
  });

  it('settles an empty list', async () => {
    expect(await mapWithConcurrency([], 16, () => Promise.resolve(1))).toEqual([]);
  });
});
