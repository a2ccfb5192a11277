import { etag, jsonResponse } from '../../../../lib/http/response';

describe('etag', () => {
  it('formats a version as a strong entity tag', () => {
    expect(etag(0)).toBe('"0"');
    expect(etag(42)).toBe('"42"');
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])(
    'refuses %p, which is no version',
    (version) => {
      expect(() => etag(version)).toThrow(RangeError);
    },
  );
});

describe('jsonResponse', () => {
  it('serialises the body as JSON', () => {
    expect(jsonResponse(200, { orderId: 'o-1', total: 4200 })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"orderId":"o-1","total":4200}',
    });
  });

  it('sends the version as ETag and the location of a created resource', () => {
    const response = jsonResponse(201, { orderId: 'o-1' }, { etag: 1, location: '/orders/o-1' });
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      etag: '"1"',
      location: '/orders/o-1',
    });
  });

  it('lets extra headers (lower-cased) override the defaults', () => {
    const response = jsonResponse(200, [], {
      headers: { 'Cache-Control': 'no-store', 'content-type': 'application/vnd.x+json' },
    });
    expect(response.headers).toEqual({
      'content-type': 'application/vnd.x+json',
      'cache-control': 'no-store',
    });
  });

  it('sends no body and no content type when the body is undefined', () => {
    expect(jsonResponse(204, undefined, { etag: 7 })).toEqual({ statusCode: 204, headers: { etag: '"7"' } });
  });
});
