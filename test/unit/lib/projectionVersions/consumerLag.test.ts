import { consumerLag, totalLag } from '../../../../lib/projectionVersions/consumerLag';

const admin = (committed: { partition: number; offset: string }[]) => ({
  fetchTopicOffsets: () =>
    Promise.resolve([
      { partition: 1, offset: '9', low: '2', high: '9' },
      { partition: 0, offset: '10', low: '0', high: '10' },
    ]),
  fetchOffsets: () =>
    Promise.resolve([{ topic: 'orders', partitions: committed.map((p) => ({ ...p, metadata: null })) }]),
});

describe('consumerLag', () => {
  it('is the high watermark minus the committed offset, per partition in partition order', async () => {
    const lags = await consumerLag(
      admin([
        { partition: 0, offset: '4' },
        { partition: 1, offset: '9' },
      ]),
      'g',
      'orders',
    );
    expect(lags).toEqual([
      { partition: 0, committed: '4', high: '10', lag: 6 },
      { partition: 1, committed: '9', high: '9', lag: 0 },
    ]);
    expect(totalLag(lags)).toBe(6);
  });

  it('counts a partition the group has not committed on from the log start', async () => {
    const lags = await consumerLag(admin([{ partition: 0, offset: '-1' }]), 'g', 'orders');
    expect(lags.map((p) => p.lag)).toEqual([10, 7]);
  });
});
