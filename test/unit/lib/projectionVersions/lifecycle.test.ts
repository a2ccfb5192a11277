import {
  beginVersion,
  completeVersion,
  cutover,
  dropVersion,
  initialVersions,
  VersionLifecycleError,
} from '../../../../lib/projectionVersions/lifecycle';
import type { ProjectionVersions } from '../../../../lib/projectionVersions/projectionVersions';

const naming = (n: number) => ({
  table: n === 1 ? 'views' : `views-v${n}`,
  group: n === 1 ? 'g' : `g-v${n}`,
});
const now = '2026-12-01T00:00:00.000Z';
const states = (record: ProjectionVersions) => record.versions.map((v) => `${v.version}:${v.state}`);
const start = () => initialVersions('orderViews', naming, now);
const built = () => completeVersion(beginVersion(start(), { naming, now }).next, 2, now);

describe('the lifecycle of projection versions', () => {
  it('starts with version 1 live on the tables deployed from the start', () => {
    const record = start();
    expect(states(record)).toEqual(['1:live']);
    expect(record.versions[0]).toMatchObject({ table: 'views', group: 'g' });
  });

  it('adds the next version as building, on its own table and group', () => {
    const { next, version } = beginVersion(start(), { naming, now });
    expect(version).toMatchObject({ version: 2, state: 'building', table: 'views-v2', group: 'g-v2' });
    expect(states(next)).toEqual(['1:live', '2:building']);
    expect(next.revision).toBe(1);
  });

  it('adds a frozen copy as freezing, with its instant and the end offsets it needs', () => {
    const until = '2026-11-30T00:00:00Z';
    const { version } = beginVersion(start(), { naming, now, until, endOffsets: { '0': '12' } });
    expect(version).toMatchObject({ state: 'freezing', until, endOffsets: { '0': '12' } });
  });

  it('refuses a second build while one is under way', () => {
    const { next } = beginVersion(start(), { naming, now });
    expect(() => beginVersion(next, { naming, now })).toThrow(/v2 is still building/);
  });

  it('makes a caught-up version ready and a finished copy frozen', () => {
    expect(states(built())).toEqual(['1:live', '2:ready']);
    const copy = beginVersion(start(), { naming, now, until: now }).next;
    expect(states(completeVersion(copy, 2, now))).toEqual(['1:live', '2:frozen']);
  });

  it('cuts over to a ready version, retiring the live one; and back again', () => {
    const switched = cutover(built(), 2, now);
    expect(states(switched)).toEqual(['1:retired', '2:live']);
    expect(states(cutover(switched, 1, now))).toEqual(['1:live', '2:retired']);
  });

  it('never cuts over to a version being built or a frozen copy', () => {
    const building = beginVersion(start(), { naming, now }).next;
    expect(() => cutover(building, 2, now)).toThrow(VersionLifecycleError);
    const frozen = completeVersion(beginVersion(start(), { naming, now, until: now }).next, 2, now);
    expect(() => cutover(frozen, 2, now)).toThrow(/frozen, not ready or retired/);
  });

  it('drops any version but the live one', () => {
    const switched = cutover(built(), 2, now);
    expect(states(dropVersion(switched, 1))).toEqual(['2:live']);
    expect(() => dropVersion(switched, 2)).toThrow(/v2 is live/);
    expect(() => dropVersion(switched, 7)).toThrow(/has no version 7/);
  });

  it('never reuses a dropped version’s number (its group would resume from old offsets)', () => {
    const dropped = dropVersion(beginVersion(start(), { naming, now }).next, 2);
    expect(beginVersion(dropped, { naming, now }).version.version).toBe(3);
  });
});
