import * as z from 'zod';
import { AppError, ErrorKind } from '../../../../lib/errors/appError';
import { nestingExceeds } from '../../../../lib/http/jsonBody';
import { parseJsonBody } from '../../../../lib/http/request';
import { eventWith, postOrderEvent, thrownBy } from './httpEvent';

const PlaceOrder = z.strictObject({
  items: z.array(z.strictObject({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
  currency: z.enum(['EUR', 'USD']),
});

function jsonEvent(body: string | undefined, headers: Record<string, string | undefined> = {}) {
  return eventWith({ body, headers: { 'content-type': 'application/json', ...headers } });
}

function appErrorFrom(fn: () => unknown): AppError {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('parseJsonBody', () => {
  it('returns the validated body of the recorded event', () => {
    expect(parseJsonBody(postOrderEvent(), PlaceOrder)).toEqual({
      items: [{ sku: 'SKU-1', quantity: 2 }],
      currency: 'EUR',
    });
  });

  it('decodes a base64-encoded body', () => {
    const body = Buffer.from('{"items":[{"sku":"Ä","quantity":1}],"currency":"USD"}').toString('base64');
    const event = eventWith({ body, isBase64Encoded: true });
    expect(parseJsonBody(event, PlaceOrder).items[0]?.sku).toBe('Ä');
  });

  describe('content type', () => {
    it.each([
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      'application/json;charset="UTF-8"',
      'application/merge-patch+json',
      'application/vnd.kafka-es.order+json; version=2',
    ])('accepts %s', (contentType) => {
      const event = jsonEvent('{"items":[{"sku":"a","quantity":1}],"currency":"EUR"}', {
        'content-type': contentType,
      });
      expect(() => parseJsonBody(event, PlaceOrder)).not.toThrow();
    });

    it.each([
      ['text/plain', 'text/plain'],
      ['a form', 'application/x-www-form-urlencoded'],
      ['a JSON look-alike', 'application/jsonx'],
      ['two joined content types', 'application/json,text/plain'],
      ['no content type', undefined],
      ['a charset other than UTF-8', 'application/json; charset=iso-8859-1'],
    ])('rejects %s with 415', (_, contentType) => {
      const error = appErrorFrom(() =>
        parseJsonBody(jsonEvent('{}', { 'content-type': contentType }), PlaceOrder),
      );
      expect(error.kind).toBe(ErrorKind.UnsupportedMediaType);
    });

    it('finds the header whatever its case in a hand-written event', () => {
      const event = eventWith({ body: '{"items":[{"sku":"a","quantity":1}],"currency":"EUR"}', headers: {} });
      delete event.headers['content-type'];
      event.headers['Content-Type'] = 'application/json';
      expect(() => parseJsonBody(event, PlaceOrder)).not.toThrow();
    });
  });

  describe('size', () => {
    it('measures bytes, not characters', () => {
      const body = JSON.stringify({ note: 'é'.repeat(60) }); // 71 characters, 131 bytes
      const schema = z.strictObject({ note: z.string() });
      expect(() => parseJsonBody(jsonEvent(body), schema, { maxBytes: 131 })).not.toThrow();
      const error = appErrorFrom(() => parseJsonBody(jsonEvent(body), schema, { maxBytes: 130 }));
      expect(error.kind).toBe(ErrorKind.PayloadTooLarge);
      expect(error.details).toEqual({ maxBytes: 130 });
    });

    it('measures the decoded size of a base64 body', () => {
      const body = Buffer.from(JSON.stringify({ note: 'x'.repeat(88) })).toString('base64'); // 99 bytes
      const event = eventWith({ body, isBase64Encoded: true });
      const schema = z.strictObject({ note: z.string() });
      expect(() => parseJsonBody(event, schema, { maxBytes: 99 })).not.toThrow();
      expect(appErrorFrom(() => parseJsonBody(event, schema, { maxBytes: 98 })).kind).toBe(
        ErrorKind.PayloadTooLarge,
      );
    });

    it('defaults to 64 KiB', () => {
      const body = JSON.stringify({ note: 'x'.repeat(64 * 1024) });
      const error = appErrorFrom(() => parseJsonBody(jsonEvent(body), z.strictObject({ note: z.string() })));
      expect(error.kind).toBe(ErrorKind.PayloadTooLarge);
    });
  });

  describe('malformed bodies', () => {
    it.each([
      ['absent', undefined],
      ['empty', ''],
      ['blank', ' \n\t'],
    ])('rejects an %s body', (_, body) => {
      const error = appErrorFrom(() => parseJsonBody(jsonEvent(body), PlaceOrder));
      expect(error.kind).toBe(ErrorKind.Validation);
      expect(error.issues).toEqual([{ field: '(body)', message: 'The request body is empty' }]);
    });

    it('rejects invalid JSON, naming the position when the parser reports one', () => {
      const error = appErrorFrom(() => parseJsonBody(jsonEvent('{"currency":"EUR",}'), PlaceOrder));
      expect(error.kind).toBe(ErrorKind.Validation);
      expect(error.message).toBe('The request body is not valid JSON (at position 18)');
      expect(error.issues[0]?.field).toBe('(body)');
    });

    it("never echoes the parser's message, which can quote the body", () => {
      const error = appErrorFrom(() => parseJsonBody(jsonEvent('{"secret": [1,}'), PlaceOrder));
      expect(error.message).toMatch(/^The request body is not valid JSON( \(at position \d+\))?$/);
    });

    it('rejects a base64 body that is not UTF-8', () => {
      const event = eventWith({
        body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'),
        isBase64Encoded: true,
      });
      expect(appErrorFrom(() => parseJsonBody(event, PlaceOrder)).message).toBe(
        'The request body is not valid UTF-8',
      );
    });

    it('ignores a leading byte-order mark', () => {
      const event = jsonEvent('\ufeff{"items":[{"sku":"a","quantity":1}],"currency":"EUR"}');
      expect(() => parseJsonBody(event, PlaceOrder)).not.toThrow();
    });

    it('rejects nesting deeper than the limit before parsing', () => {
      const deep = `${'['.repeat(33)}${']'.repeat(33)}`;
      const error = appErrorFrom(() => parseJsonBody(jsonEvent(deep), z.unknown()));
      expect(error.message).toBe('The request body nests deeper than 32 levels');
      expect(() => parseJsonBody(jsonEvent(`${'['.repeat(32)}${']'.repeat(32)}`), z.unknown())).not.toThrow();
    });

    it('survives pathological nesting that fills the whole size budget', () => {
      const deep = '['.repeat(64 * 1024);
      expect(appErrorFrom(() => parseJsonBody(jsonEvent(deep), z.unknown())).kind).toBe(ErrorKind.Validation);
    });
  });

  describe('schema violations', () => {
    it('reports each problem with a dotted field path', () => {
      const body = '{"items":[{"sku":"a","quantity":0}],"currency":"GBP"}';
      const error = appErrorFrom(() => parseJsonBody(jsonEvent(body), PlaceOrder));

      expect(error.kind).toBe(ErrorKind.Validation);
      expect(error.message).toBe('The request body is invalid');
      expect(error.issues.map((issue) => issue.field)).toEqual(['items.0.quantity', 'currency']);
    });

    it('reports unknown fields one by one', () => {
      const body = '{"items":[{"sku":"a","quantity":1,"colour":"red"}],"currency":"EUR","coupon":"X"}';
      const error = appErrorFrom(() => parseJsonBody(jsonEvent(body), PlaceOrder));
      expect(error.issues).toEqual([
        { field: 'items.0.colour', message: 'Unknown field' },
        { field: 'coupon', message: 'Unknown field' },
      ]);
    });

    it('names the body itself when the root has the wrong type', () => {
      const error = appErrorFrom(() => parseJsonBody(jsonEvent('[]'), PlaceOrder));
      expect(error.issues[0]?.field).toBe('(body)');
    });
  });

  describe('prototype pollution', () => {
    afterEach(() => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    it('rejects __proto__ and constructor keys as unknown fields', () => {
      const body =
        '{"items":[{"sku":"a","quantity":1}],"currency":"EUR","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
      const error = appErrorFrom(() => parseJsonBody(jsonEvent(body), PlaceOrder));
      expect(error.issues).toEqual([
        { field: '__proto__', message: 'Unknown field' },
        { field: 'constructor', message: 'Unknown field' },
      ]);
    });

    it('keeps __proto__ an own, inert property under a schema that passes unknown keys through', () => {
      const loose = z.looseObject({ a: z.number() });
      const result = parseJsonBody(jsonEvent('{"a":1,"__proto__":{"polluted":true}}'), loose);
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
      expect((result as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('nested __proto__ keys in records do not reach the prototype either', () => {
      const record = z.record(z.string(), z.unknown());
      const result = parseJsonBody(
        jsonEvent('{"x":{"__proto__":{"polluted":true}},"__proto__":{"polluted":1}}'),
        record,
      );
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    });
  });
});

describe('nestingExceeds', () => {
  it('ignores brackets inside strings, including escaped quotes', () => {
    expect(nestingExceeds('["[[[[", "\\"[[["]', 1)).toBe(false);
    expect(nestingExceeds('[[1]]', 1)).toBe(true);
    expect(nestingExceeds('{"a":{"b":{}}}', 3)).toBe(false);
    expect(nestingExceeds('{"a":{"b":{}}}', 2)).toBe(true);
  });
});
