import * as z from 'zod';
import { AppError, ErrorKind } from '../../../../lib/errors/appError';
import {
  headerValue,
  idempotencyKey,
  parseIfMatch,
  parsePathParameter,
  parseQuery,
} from '../../../../lib/http/request';
import { eventWith, postOrderEvent, thrownBy } from './httpEvent';

function validationError(fn: () => unknown): AppError {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).kind).toBe(ErrorKind.Validation);
  return error as AppError;
}

describe('parsePathParameter', () => {
  it('returns the parameter as a string without a schema', () => {
    expect(parsePathParameter(postOrderEvent(), 'orderId')).toBe('o-1');
  });

  it('validates (and transforms) with a schema', () => {
    const event = eventWith({ pathParameters: { page: '3' } });
    expect(parsePathParameter(event, 'page', z.coerce.number().int())).toBe(3);
  });

  it.each([
    ['absent', undefined],
    ['missing', { other: 'x' }],
    ['empty', { orderId: '' }],
  ])('rejects an %s parameter on path.<name>', (_, pathParameters) => {
    const error = validationError(() => parsePathParameter(eventWith({ pathParameters }), 'orderId'));
    expect(error.issues).toEqual([{ field: 'path.orderId', message: 'is required' }]);
    expect(error.message).toBe('Path parameter orderId is required');
  });

  it('reports a schema violation on path.<name>', () => {
    const error = validationError(() => parsePathParameter(postOrderEvent(), 'orderId', z.uuid()));
    expect(error.issues).toEqual([{ field: 'path.orderId', message: expect.any(String) as string }]);
  });

  it('does not mistake inherited properties for parameters', () => {
    expect(() => parsePathParameter(eventWith({ pathParameters: {} }), 'constructor')).toThrow(AppError);
  });
});

describe('parseQuery', () => {
  const Query = z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    tag: z
      .string()
      .transform((value) => value.split(','))
      .optional(),
  });

  it('validates all parameters as one object, with repeated names comma-joined by API Gateway', () => {
    const event = eventWith({ queryStringParameters: { limit: '5', tag: 'a,b' } });
    expect(parseQuery(event, Query)).toEqual({ limit: 5, tag: ['a', 'b'] });
  });

  it('treats an absent query string as no parameters', () => {
    expect(parseQuery(eventWith({ queryStringParameters: undefined }), Query)).toEqual({ limit: 20 });
  });

  it('reports problems on query.<name>, unknown parameters included', () => {
    const event = eventWith({ queryStringParameters: { limit: '0', sort: 'asc' } });
    const error = validationError(() => parseQuery(event, Query));
    expect(error.issues.map((issue) => issue.field)).toEqual(['query.limit', 'query.sort']);
  });
});

describe('parseIfMatch', () => {
  const withIfMatch = (value: string | undefined) => eventWith({ headers: { 'if-match': value } });

  it('is undefined without the header', () => {
    expect(parseIfMatch(postOrderEvent())).toBeUndefined();
  });

  it.each([
    ['"0"', 0],
    ['"3"', 3],
    [' "42" ', 42],
    ['"9007199254740991"', Number.MAX_SAFE_INTEGER],
  ])('reads %s as version %i', (value, version) => {
    expect(parseIfMatch(withIfMatch(value))).toBe(version);
  });

  it.each(['3', '"03"', '"-1"', '"1.5"', 'W/"3"', '*', '"1", "2"', '""', '', '"9007199254740993"', '"abc"'])(
    'rejects %j on header.if-match',
    (value) => {
      const error = validationError(() => parseIfMatch(withIfMatch(value)));
      expect(error.issues[0]?.field).toBe('header.if-match');
    },
  );
});

describe('idempotencyKey', () => {
  const withKey = (value: string | undefined) => eventWith({ headers: { 'idempotency-key': value } });

  it('reads the key of the recorded event', () => {
    expect(idempotencyKey(postOrderEvent())).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
  });

  it('is undefined without the header', () => {
    expect(idempotencyKey(withKey(undefined))).toBeUndefined();
  });

  it('accepts 255 printable characters and trims surrounding whitespace', () => {
    expect(idempotencyKey(withKey('k'.repeat(255)))).toHaveLength(255);
    expect(idempotencyKey(withKey('  key 1  '))).toBe('key 1');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'k'.repeat(256)],
    ['non-ASCII', 'clé'],
    ['a control character', 'a\u0007b'],
  ])('rejects a %s key on header.idempotency-key', (_, value) => {
    const error = validationError(() => idempotencyKey(withKey(value)));
    expect(error.issues[0]?.field).toBe('header.idempotency-key');
  });
});

describe('headerValue', () => {
  it('prefers the lower-case name API Gateway uses, and finds other spellings', () => {
    const event = eventWith({ headers: { 'X-Custom': 'a' } });
    expect(headerValue(event, 'content-type')).toBe('application/json');
    expect(headerValue(event, 'Content-Type')).toBe('application/json');
    expect(headerValue(event, 'x-custom')).toBe('a');
    expect(headerValue(event, 'x-missing')).toBeUndefined();
  });
});
