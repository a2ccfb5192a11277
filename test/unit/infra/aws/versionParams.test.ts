import {
  DEFAULT_VERSIONS,
  deployedVersionsFrom,
  parseVersions,
  versionsParam,
} from '../../../../infra/aws/versionParams';

describe('parseVersions', () => {
  it('reads a comma-separated list, ascending, spaces allowed', () => {
    expect(parseVersions('orderViewsVersions', '1,2')).toEqual([1, 2]);
    expect(parseVersions('orderViewsVersions', ' 3, 1 ')).toEqual([1, 3]);
    expect(parseVersions('orderViewsVersions', '2')).toEqual([2]);
  });

  it('takes a number, as a YAML default without quotes arrives', () => {
    expect(parseVersions('orderViewsVersions', 1)).toEqual([1]);
  });

  it.each([
    ['', 'it is empty'],
    ['  ', 'it is empty'],
    ['1,,2', 'not an integer ≥ 1: ""'],
    ['0', 'not an integer ≥ 1: "0"'],
    ['1,v2', 'not an integer ≥ 1: "v2"'],
    ['1.5', 'not an integer ≥ 1: "1.5"'],
    ['-1', 'not an integer ≥ 1: "-1"'],
    ['1,2,1', 'listed twice: 1'],
  ])('refuses %j, naming the param and why', (value, why) => {
    expect(() => parseVersions('inventoryViewsVersions', value)).toThrow(
      `param inventoryViewsVersions must list deployed versions, e.g. --param="inventoryViewsVersions=1,2": ${why}`,
    );
  });

  it('refuses a param that is not there', () => {
    expect(() => parseVersions('accountViewsVersions', undefined)).toThrow(/accountViewsVersions.*empty/);
  });
});

describe('deployedVersionsFrom', () => {
  it('asks osls for one param per projection', async () => {
    const asked: string[] = [];
    const versions = await deployedVersionsFrom((variable) => {
      asked.push(variable);
      return Promise.resolve(variable === 'param:orderViewsVersions' ? '2,1' : '1');
    });
    expect(asked.sort()).toEqual([
      'param:accountViewsVersions',
      'param:inventoryViewsVersions',
      'param:orderViewsVersions',
    ]);
    expect(versions).toEqual({ ...DEFAULT_VERSIONS, orderViews: [1, 2] });
  });

  it('names each param after its projection', () => {
    expect(versionsParam('accountViews')).toBe('accountViewsVersions');
  });
});
