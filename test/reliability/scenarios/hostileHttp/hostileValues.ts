import fc from 'fast-check';

// The hostile parts requests are made of: path segments, header values, bodies, query strings.

export const cleanHeaders = (extra: readonly [string, string][]) =>
  extra.filter(
    ([name]) => !['host', 'content-length', 'transfer-encoding', 'connection', 'expect'].includes(name),
  );

// Path segments sent as they are: traversal, bad escapes, encoded separators and controls, look-alikes.
const RAW_SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%2F',
  '%5C..%5C',
  '%00',
  '%zz',
  '%',
  '%E0%A4%A',
  '__proto__',
  'constructor',
  'prototype',
  '%F0%9F%98%80',
  '%E2%80%AE',
  'a'.repeat(129),
  'a'.repeat(4000),
  '-a',
  '.hidden',
  'a%20b',
  '%0D%0Aset-cookie:x',
  '%3Cscript%3E',
  "'%20OR%201=1--",
  '$%7B7*7%7D',
  'CON',
  'a;b',
  'a,b',
  '%C0%AE%C0%AE',
] as const;

const encode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '?')); // lone surrogates
  }
};

export const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,24}$/).map(encode),
  fc.constantFrom(...RAW_SEGMENTS),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map(encode),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encode),
);

// Node refuses header values outside tab, printable ASCII and latin-1; everything else is fair game.
const headerText = fc
  .string({ unit: 'binary', maxLength: 300 })
  .map((text) => [...text].map((c) => (/^[\t\x20-\x7e\x80-\xff]$/.test(c) ? c : 'é')).join(''));

export const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset="UTF-8"',
    'APPLICATION/JSON',
    'application/json; charset=latin1',
    'application/merge-patch+json',
    'application/problem+json',
    'text/plain',
    'text/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/octet-stream',
    '',
    ';',
    'application/json;;charset=',
    'application/json, text/plain',
    '*/*',
  ),
  headerText,
);

export const ifMatch = fc.oneof(
  fc.constantFrom(
    '"1"',
    '"0"',
    'W/"1"',
    '*',
    '"01"',
    '"1", "2"',
    '"99999999999999999"',
    '"-1"',
    '1',
    '""',
    '"1.5"',
  ),
  headerText,
);

export const idempotencyKey = fc.oneof(
  fc.uuid(),
  fc.constantFrom('', ' ', 'x'.repeat(256), 'clé', 'a\tb'),
  headerText,
);

export const extraHeader = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), headerText);

export function headersArbitrary(withBody: boolean) {
  return fc
    .record(
      {
        contentType: withBody ? fc.option(contentType, { freq: 6 }) : fc.option(contentType, { freq: 2 }),
        secondContentType: fc.option(contentType, { freq: 15 }),
        ifMatch: fc.option(ifMatch, { freq: 3 }),
        idempotencyKey: fc.option(idempotencyKey, { freq: 2 }),
        correlation: fc.option(headerText, { freq: 5 }),
        extra: fc.array(extraHeader, { maxLength: 2 }),
      },
      { noNullPrototype: true },
    )
    .map((h) => {
      const pairs: [string, string][] = [];
      if (h.contentType !== null) pairs.push(['Content-Type', h.contentType]);
      if (h.secondContentType !== null) pairs.push(['content-type', h.secondContentType]);
      if (h.ifMatch !== null) pairs.push(['If-Match', h.ifMatch]);
      if (h.idempotencyKey !== null) pairs.push(['Idempotency-Key', h.idempotencyKey]);
      if (h.correlation !== null) pairs.push(['X-Correlation-Id', h.correlation]);
      return [...pairs, ...cleanHeaders(h.extra)];
    });
}

export const VALID_BODIES: Record<string, Record<string, unknown>> = {
  '/orders': { customerId: 'c-1', items: [{ sku: 's-1', quantity: 1, unitPrice: 100 }] },
  '/orders/{orderId}/payments': { amount: 100 },
  '/orders/{orderId}/cancellation': { reason: 'changed my mind' },
  '/inventory/{sku}/restocks': { quantity: 1 },
  '/accounts/{customerId}/deposits': { amount: 1 },
};

const hostileNumber = fc.constantFrom(
  0,
  -1,
  -0,
  1.5,
  1e308,
  1e21,
  Number.MAX_SAFE_INTEGER + 2,
  1_000_000_001,
  1e12 + 1,
  Number.MIN_VALUE,
);
const hostileValue = fc.oneof(
  hostileNumber,
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);
const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' amount', 'Amount', 'items.0'),
  fc.string({ maxLength: 12 }),
);

/** A valid body with one or two things wrong, as JSON text (so `__proto__` stays a key). */
function mutatedBody(path: string) {
  const valid = VALID_BODIES[path] ?? {};
  const fields = Object.keys(valid);
  return fc
    .tuple(
      fc.constantFrom('extra', 'replace', 'drop', 'wrap', 'line'),
      oddKey,
      hostileValue,
      fc.constantFrom(...(fields.length ? fields : ['x'])),
    )
    .map(([how, key, value, field]) => {
      const pairs = Object.entries(valid).map(
        ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(k === field && how === 'replace' ? value : v)}`,
      );
      if (how === 'extra') pairs.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
      if (how === 'drop') pairs.splice(fields.indexOf(field), 1);
      if (how === 'line')
        return JSON.stringify({ ...valid, items: [{ sku: 's-1', quantity: 1, unitPrice: 1, [key]: value }] });
      const text = `{${pairs.join(',')}}`;
      return how === 'wrap' ? `[${text}]` : text;
    });
}

export const rawBody = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '{}',
    '{',
    '{"a":',
    'undefined',
    "{'amount':1}",
    'NaN',
    '{"amount":1e999}',
    '\uFEFF{}',
    '\u0000',
    '{"__proto__":{"polluted":true},"amount":5}',
    '{"constructor":{"prototype":{"polluted":true}},"quantity":1}',
    '{"amount":1}{"amount":2}',
    '{"amount":1,"amount":2,"x":1}',
    '{"amount":0x10}',
    '{"amount":"1"}',
    '{"reason":null}',
    '{"reason":"   "}',
    `{"reason":"${'r'.repeat(201)}"}`,
    `{"customerId":"${'c'.repeat(70_000)}"}`,
  ),
  fc.integer({ min: 33, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc
    .integer({ min: 64 * 1024 - 20, max: 200_000 })
    .map((n) => `{"customerId":"${'c'.repeat(n)}","amount":1}`),
  fc.integer({ min: 33, max: 5_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);

export function bodyArbitrary(path: string) {
  return fc
    .oneof(
      { arbitrary: mutatedBody(path), weight: 4 },
      { arbitrary: rawBody.map((text) => Buffer.from(text, 'utf8')), weight: 3 },
      { arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)), weight: 1 },
    )
    .map((body) => (Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')));
}

export const query = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('minVersion', 'customerId', 'status', 'limit', 'cursor', '__proto__', 'constructor'),
        fc.string({ maxLength: 8 }),
      ),
      fc.oneof(
        fc.constantFrom(
          '',
          '0',
          '-1',
          '1.5',
          'abc',
          '1e400',
          '9007199254740993',
          'NaN',
          'Infinity',
          '%zz',
          'PAYMENT',
          'paid',
          '101',
          'x'.repeat(5000),
        ),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        cursorArbitrary(),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) =>
    pairs
      // A valid positive minVersion makes a query wait 2 s for read-your-writes (then 503): covered
      // by the e2e tests, left out here to keep the run bounded.
      .filter(
        ([name, value]) => !(name === 'minVersion' && Number.isInteger(Number(value)) && Number(value) > 0),
      )
      .map(([name, value]) => `${encode(name)}=${value.startsWith('%') ? value : encode(value)}`)
      .join('&'),
  );

/** Cursors that decode to key-like objects: right and wrong attributes, types and values. */
function cursorArbitrary() {
  const attribute = fc.oneof(
    fc.record({ S: fc.string({ maxLength: 20 }) }),
    fc.record({ N: fc.constantFrom('1', 'x', '', '1e400', ' 2 ') }),
    fc.constantFrom({}, { S: '' }, { B: 'AA==' }, { S: 1 }, { NULL: true }, 'plain'),
  );
  const name = fc.constantFrom('id', 'customerId', 'customerStatus', 'placedAt', 'x', '__proto__');
  return fc
    .dictionary(name, attribute, { maxKeys: 4 })
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));
}
