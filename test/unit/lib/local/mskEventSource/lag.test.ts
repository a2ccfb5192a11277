import type { Admin } from 'kafkajs';
import { measureLag, waitForIdle, type IdleProbe } from '../../../../../lib/local/mskEventSource/lag';
import type { PartitionBounds } from '../../../../../lib/local/mskEventSource/logBounds';

interface Partition {
  low?: string;
  stable: string;
  high?: string;
  committed: string;
}

/** A broker stand-in whose partitions the test changes while waitForIdle polls. */
function fakeBroker(partitions: Partition[]) {
  const bounds = {
    read: () =>
      Promise.resolve(
        partitions.map((p, partition): PartitionBounds => ({
          topic: 'orders',
          partition,
          low: p.low ?? '0',
          stable: p.stable,
          high: p.high ?? p.stable,
        })),
      ),
  };
  const admin: Pick<Admin, 'fetchOffsets'> = {
    fetchOffsets: () =>
      Promise.resolve([
        {
          topic: 'orders',
          partitions: partitions.map((p, partition) => ({ partition, offset: p.committed, metadata: null })),
        },
      ]),
  };
  return { bounds, admin };
}

const probe = (partitions: Partition[], overrides: Partial<IdleProbe> = {}): IdleProbe => ({
  ...fakeBroker(partitions),
  groupId: 'g',
  topics: ['orders'],
  busy: () => false,
  ...overrides,
});

describe('measureLag', () => {
  it('measures committed offsets against the last stable offset', async () => {
    const { admin, bounds } = fakeBroker([{ stable: '5', high: '7', committed: '3' }]);
    expect(await measureLag(admin, bounds, 'g', ['orders'])).toEqual([
      { topic: 'orders', partition: 0, committed: '3', stable: '5', high: '7', lag: 2, unstable: 2 },
    ]);
  });

  it('counts a partition without a committed offset from the log start', async () => {
    const { admin, bounds } = fakeBroker([{ low: '4', stable: '10', committed: '-1' }]);
    expect((await measureLag(admin, bounds, 'g', ['orders']))[0]!.lag).toBe(6);
  });
});

describe('waitForIdle', () => {
  it('resolves at once when every partition is committed to its end', async () => {
    await expect(waitForIdle(probe([{ stable: '3', committed: '3' }]), 1000)).resolves.toBeUndefined();
  });

  it('rejects after the timeout, naming each lagging partition', async () => {
    const partitions = [
      { stable: '3', committed: '3' },
      { stable: '9', committed: '4' },
    ];
    await expect(waitForIdle(probe(partitions), 120)).rejects.toThrow(
      'group g not idle after 120 ms: orders-1: committed 4, last stable 9 (lag 5)',
    );
  });

  it('waits while an invocation is in flight', async () => {
    await expect(
      waitForIdle(probe([{ stable: '3', committed: '3' }], { busy: () => true }), 80),
    ).rejects.toThrow(/in flight/);
  });

  it('waits for commit markers still being written, then for the records they release', async () => {
    // commit() returned: the records are in the log (high 3), the stable offset has not moved yet.
    const partition = { stable: '0', high: '3', committed: '0' };
    const idle = waitForIdle(probe([partition], { graceMs: 10_000 }), 5_000);
    let settled = false;
    void idle.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(settled).toBe(false);
    partition.stable = '3';
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(settled).toBe(false);
    partition.committed = '3';
    await expect(idle).resolves.toBeUndefined();
  });

  it('treats a transaction open for longer than the grace period as nothing left to read', async () => {
    const started = Date.now();
    await waitForIdle(probe([{ stable: '2', high: '5', committed: '2' }], { graceMs: 150 }), 2_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});
