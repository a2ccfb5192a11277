import type { GroupPartitionLag } from '../../../../lib/projectionVersions/consumerLag';
import { InMemoryVersionRegistry } from '../../../../lib/projectionVersions/inMemoryVersionRegistry';
import { cutoverProjection, rebuildProjection } from '../../../../lib/projectionVersions/rebuild';
import { currentVersions } from '../../../../lib/projectionVersions/changeVersions';

const naming = (n: number) => ({ table: `views-v${n}`, group: `g-v${n}` });
const at = (committed: number, high = 100): GroupPartitionLag[] => [
  { partition: 0, committed: String(committed), high: String(high), lag: high - Math.max(0, committed) },
];

/** A new group that reads `step` records per sample until it reaches the live group's 100. */
function fakeLog(step: number) {
  let read = -1;
  return (group: string) => {
    if (group === 'g-v1') return Promise.resolve(at(100));
    read = Math.min(100, read < 0 ? 0 : read + step);
    return Promise.resolve(at(read));
  };
}

describe('rebuilding and cutting over', () => {
  it('registers the next version, reports progress and marks it ready once caught up', async () => {
    const registry = new InMemoryVersionRegistry();
    const progress: number[] = [];
    const version = await rebuildProjection({
      registry,
      name: 'orderViews',
      naming,
      lagOf: fakeLog(25),
      pollMs: 0,
      onProgress: (p) => progress.push(p.left),
    });
    expect(version.version).toBe(2);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => b - a));
    const record = await currentVersions(registry, 'orderViews', naming);
    expect(record.versions.map((v) => `${v.version}:${v.state}`)).toEqual(['1:live', '2:ready']);
  });

  it('gives up, leaving the version registered, when nothing moves (no mapping runs it)', async () => {
    const registry = new InMemoryVersionRegistry();
    await expect(
      rebuildProjection({ registry, name: 'orderViews', naming, lagOf: fakeLog(0), pollMs: 1, stallMs: 5 }),
    ).rejects.toThrow(/no progress .* is its mapping running/);
    const record = await currentVersions(registry, 'orderViews', naming);
    expect(record.versions.map((v) => v.state)).toEqual(['live', 'building']);
  });

  it('refuses a copy as of an instant in the future', async () => {
    const registry = new InMemoryVersionRegistry();
    const until = new Date(Date.now() + 60_000).toISOString();
    await expect(
      rebuildProjection({ registry, name: 'orderViews', naming, lagOf: fakeLog(50), until }),
    ).rejects.toThrow(/in the future/);
  });

  it('cuts over only once the new version is as far as the live one', async () => {
    const registry = new InMemoryVersionRegistry();
    await rebuildProjection({ registry, name: 'orderViews', naming, lagOf: fakeLog(100), pollMs: 0 });
    const behind = (group: string) => Promise.resolve(group === 'g-v1' ? at(100, 200) : at(90, 200));
    await expect(
      cutoverProjection({ registry, name: 'orderViews', naming, lagOf: behind, waitMs: 50 }),
    ).rejects.toThrow(/v2 is behind v1/);
    const level = (group: string) => Promise.resolve(group === 'g-v1' ? at(150, 200) : at(150, 200));
    const record = await cutoverProjection({ registry, name: 'orderViews', naming, lagOf: level });
    expect(record.versions.map((v) => `${v.version}:${v.state}`)).toEqual(['1:retired', '2:live']);
  });
});
