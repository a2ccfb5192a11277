import { cachedVersions } from '../../../../lib/projectionVersions/cachedVersions';
import { InMemoryVersionRegistry } from '../../../../lib/projectionVersions/inMemoryVersionRegistry';
import { initialVersions } from '../../../../lib/projectionVersions/lifecycle';
import type { VersionRegistry } from '../../../../lib/projectionVersions/projectionVersions';

const naming = () => ({ table: 't', group: 'g' });

describe('the cached versions record', () => {
  it('reads the registry at most once per max age, sharing a lookup under way', async () => {
    const registry = new InMemoryVersionRegistry();
    await registry.write({ ...initialVersions('orderViews', naming, ''), revision: 1 }, 0);
    const read = jest.spyOn(registry, 'read');
    let clock = 0;
    const versions = cachedVersions({ registry, name: 'orderViews', maxAgeMs: 1_000, now: () => clock });
    await Promise.all([versions(), versions()]);
    clock = 999;
    await versions();
    expect(read).toHaveBeenCalledTimes(1);
    clock = 1_000;
    await versions();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps the last record known when a lookup fails, and fails only with none known', async () => {
    let failing = true;
    const stored = { ...initialVersions('orderViews', naming, ''), revision: 1 };
    const registry: VersionRegistry = {
      read: () => (failing ? Promise.reject(new Error('throttled')) : Promise.resolve(stored)),
      list: () => Promise.resolve([]),
      write: () => Promise.resolve(true),
    };
    let clock = 0;
    const versions = cachedVersions({ registry, name: 'orderViews', now: () => clock });
    await expect(versions()).rejects.toThrow('throttled');
    failing = false;
    await expect(versions()).resolves.toBe(stored);
    failing = true;
    clock = 5_000;
    await expect(versions()).resolves.toBe(stored);
  });
});
