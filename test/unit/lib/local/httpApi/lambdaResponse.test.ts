import {
  MalformedLambdaResponse,
  MAX_RESPONSE_BYTES,
  toHttpResponse,
} from '../../../../../lib/local/httpApi/lambdaResponse';

describe('toHttpResponse', () => {
  it('maps a structured result, lower-casing header names and stringifying values', () => {
    const response = toHttpResponse({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', 'X-Count': 3, 'x-flag': true },
      body: '{"ok":true}',
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      'x-count': '3',
      'x-flag': 'true',
    });
    expect(response.body.toString()).toBe('{"ok":true}');
  });

  it('turns each cookie into its own set-cookie header', () => {
    const response = toHttpResponse({
      statusCode: 200,
      headers: { 'set-cookie': 'a=1' },
      cookies: ['b=2', 'c=3'],
    });
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2', 'c=3']);
  });

  it('decodes a base64 body', () => {
    const response = toHttpResponse({
      statusCode: 200,
      body: Buffer.from([0, 255]).toString('base64'),
      isBase64Encoded: true,
    });
    expect([...response.body]).toEqual([0, 255]);
  });

  it('sends an empty body when there is none', () => {
    expect(toHttpResponse({ statusCode: 204 }).body.length).toBe(0);
  });

  it('drops framing headers Node computes itself', () => {
    const response = toHttpResponse({
      statusCode: 200,
      headers: { 'Content-Length': '999', connection: 'close' },
    });
    expect(response.headers).toEqual({});
  });

  it.each([
    ['a string', 'Hello from Lambda!', 'Hello from Lambda!'],
    ['an object without statusCode', { message: 'hi' }, '{"message":"hi"}'],
    ['an array', [1, 2], '[1,2]'],
    ['undefined', undefined, 'null'],
  ])('answers %s with 200 application/json', (_, result, body) => {
    const response = toHttpResponse(result);
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json' });
    expect(response.body.toString()).toBe(body);
  });

  it('sees the result as Lambda serialises it (undefined members vanish)', () => {
    const response = toHttpResponse({ statusCode: 200, headers: { a: undefined }, body: undefined });
    expect(response.headers).toEqual({});
  });

  it('warns that multiValueHeaders does nothing in payload format 2.0', () => {
    const response = toHttpResponse({ statusCode: 200, multiValueHeaders: { a: ['1', '2'] } });
    expect(response.headers).toEqual({});
    expect(response.warnings).toEqual([expect.stringContaining('multiValueHeaders is ignored') as string]);
  });

  it.each([
    ['a statusCode that is no integer', { statusCode: '200' }],
    ['a statusCode out of range', { statusCode: 99 }],
    ['a non-string body', { statusCode: 200, body: { a: 1 } }],
    ['a non-boolean isBase64Encoded', { statusCode: 200, isBase64Encoded: 'yes' }],
    ['non-string cookies', { statusCode: 200, cookies: [1] }],
    ['headers that are no object', { statusCode: 200, headers: ['a'] }],
    ['a nested header value', { statusCode: 200, headers: { a: { b: 1 } } }],
    ['a BigInt', { statusCode: 200, body: 1n }],
    ['a payload over 6 MB', { statusCode: 200, body: 'x'.repeat(MAX_RESPONSE_BYTES) }],
  ])('rejects %s as malformed', (_, result) => {
    expect(() => toHttpResponse(result)).toThrow(MalformedLambdaResponse);
  });
});
