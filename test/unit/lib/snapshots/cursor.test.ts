import { decodeCursor, encodeCursor } from '../../../../lib/snapshots/cursor';
import { AppError } from '../../../../lib/errors/appError';

describe('page cursors', () => {
  it('round-trip the last evaluated key as URL-safe text', () => {
    const key = { id: { S: 'a/b+c?' }, owner: { S: 'ü' } };
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  it.each([
    ['empty', ''],
    ['outside the alphabet', 'abc$def'],
    ['standard base64 padding', `${Buffer.from('{"a":1}').toString('base64')}=`],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['JSON but not an object', Buffer.from('[1,2]').toString('base64url')],
    ['an empty object', Buffer.from('{}').toString('base64url')],
    ['null', Buffer.from('null').toString('base64url')],
    ['far too long', 'a'.repeat(5000)],
  ])('reject a cursor that is %s with a validation error on query.cursor', (_, cursor) => {
    let thrown: unknown;
    try {
      decodeCursor(cursor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ kind: 'validation', issues: [{ field: 'query.cursor' }] });
  });
});
