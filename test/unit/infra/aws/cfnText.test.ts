import { cfnText, isWildcard, resourceTexts } from '../../../integration/packaging/cfnText';

// The packaging test's least-privilege check is only as good as this judgement of a resource.
describe('isWildcard over cfnText', () => {
  it.each([
    ['everything', '*'],
    ['every table', { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*' }],
    ['every index of a table', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['T', 'Arn'] }, '/index/*']] }],
    ['every topic of a cluster', { 'Fn::Sub': ['arn:x:kafka:r:a:topic/${Name}/${Uuid}/*', {}] }],
    ['a whole cluster by name', { 'Fn::Sub': 'arn:aws:kafka:r:a:cluster/name:*' }],
  ])('flags %s', (_, resource) => {
    expect(isWildcard(cfnText(resource))).toBe(true);
  });

  it.each([
    ['one table', { 'Fn::GetAtt': ['OrderHeadsTable', 'Arn'] }],
    ['one named index', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['T', 'Arn'] }, '/index/by-customer']] }],
    ['one topic', { 'Fn::Sub': ['arn:x:kafka:r:a:topic/${Name}/${Uuid}/orders', {}] }],
    [
      'ids under one prefix',
      { 'Fn::Sub': ['arn:x:kafka:r:a:transactional-id/${Name}/${Uuid}/kes-fn-*', {}] },
    ],
    ['the cluster chosen by a condition', { 'Fn::If': ['CreateCluster', { Ref: 'C' }, { Ref: 'P' }] }],
  ])('accepts %s', (_, resource) => {
    expect(isWildcard(cfnText(resource))).toBe(false);
  });

  it('reads a single resource and a list alike', () => {
    expect(resourceTexts('*')).toEqual(['*']);
    expect(resourceTexts(['a', { Ref: 'B' }])).toEqual(['a', '{…}']);
  });
});
