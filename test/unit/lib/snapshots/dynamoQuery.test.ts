import { AppError } from '../../../../lib/errors/appError';
import { encodeCursor } from '../../../../lib/snapshots/cursor';
import { keyCondition, startKey, translateQueryError } from '../../../../lib/snapshots/dynamoQuery';

const base = { index: 'by-owner', partitionKey: { name: 'owner', value: 'ann' }, limit: 10 };

describe('keyCondition', () => {
  it('uses placeholders for names and values, whatever they contain', () => {
    expect(keyCondition({ ...base, sortKey: { name: 'opened at', beginsWith: '2026-' } })).toEqual({
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeNames: { '#pk': 'owner', '#sk': 'opened at' },
      ExpressionAttributeValues: { ':pk': { S: 'ann' }, ':sk': { S: '2026-' } },
    });
  });

  it('supports equality on the sort key, and no sort key condition', () => {
    expect(
      keyCondition({ ...base, sortKey: { name: 'status', equals: 'open' } }).KeyConditionExpression,
    ).toBe('#pk = :pk AND #sk = :sk');
    expect(keyCondition({ ...base, sortKey: { name: 'status' } })).toEqual(keyCondition(base));
  });

  it('refuses both beginsWith and equals', () => {
    expect(() => keyCondition({ ...base, sortKey: { name: 's', beginsWith: 'a', equals: 'b' } })).toThrow(
      /not both/,
    );
  });
});

describe('startKey', () => {
  it('turns a cursor back into the ExclusiveStartKey', () => {
    const key = { id: { S: 'a' }, owner: { S: 'ann' }, version: { N: '3' } };
    expect(startKey(encodeCursor(key))).toEqual(key);
    expect(startKey(undefined)).toBeUndefined();
  });

  it.each([
    { id: 'plain string' },
    { id: { S: 1 } },
    { id: { N: 'abc' } },
    { id: { B: 'AAAA' } },
    { id: { S: 'a', N: '1' } },
  ])('rejects a key that is not S or N attributes: %j', (key) => {
    expect(() => startKey(encodeCursor(key))).toThrow(AppError);
  });
});

describe('translateQueryError', () => {
  const rejected = Object.assign(
    new Error('The provided starting key is invalid: key element does not match'),
    {
      name: 'ValidationException',
    },
  );

  it('blames the cursor when DynamoDB rejects its start key', () => {
    expect(translateQueryError(rejected, true)).toMatchObject({
      kind: 'validation',
      issues: [{ field: 'query.cursor' }],
    });
  });

  it('leaves other failures alone', () => {
    expect(translateQueryError(rejected, false)).toBe(rejected);
    const other = Object.assign(new Error('Requested resource not found'), {
      name: 'ResourceNotFoundException',
    });
    expect(translateQueryError(other, true)).toBe(other);
  });
});
