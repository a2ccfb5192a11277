import { AppError, ErrorKind } from '../../../../lib/errors/appError';
import { internalErrorResponse, problemResponse, problemTypes } from '../../../../lib/http/problemDetails';

function bodyOf(response: { body?: string }): Record<string, unknown> {
  return JSON.parse(response.body ?? '') as Record<string, unknown>;
}

describe('problemTypes', () => {
  it.each([
    [ErrorKind.Validation, 400],
    [ErrorKind.Unauthorized, 401],
    [ErrorKind.NotFound, 404],
    [ErrorKind.InvalidTransition, 409],
    [ErrorKind.IdempotencyConflict, 409],
    [ErrorKind.Concurrency, 412],
    [ErrorKind.PayloadTooLarge, 413],
    [ErrorKind.UnsupportedMediaType, 415],
    [ErrorKind.BusinessRule, 422],
    [ErrorKind.IdempotencyMismatch, 422],
    [ErrorKind.Unavailable, 503],
  ])('maps %s to %i', (kind, status) => {
    expect(problemTypes[kind].status).toBe(status);
    expect(problemResponse(new AppError(kind, 'x')).statusCode).toBe(status);
  });

  it('gives every kind its own stable type URI', () => {
    const types = Object.entries(problemTypes).map(([kind, problem]) => [kind, problem.type]);
    for (const [kind, type] of types) expect(type).toBe(`https://errors.kafka-es.dev/${kind}`);
    expect(new Set(types.map(([, type]) => type)).size).toBe(Object.keys(ErrorKind).length);
  });
});

describe('problemResponse', () => {
  it('answers an AppError with RFC 9457 problem+json naming the request', () => {
    const response = problemResponse(new AppError(ErrorKind.NotFound, 'order o-1 does not exist'), 'JKJaXm=');

    expect(response.statusCode).toBe(404);
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(bodyOf(response)).toEqual({
      type: 'https://errors.kafka-es.dev/not_found',
      title: 'Resource not found',
      status: 404,
      detail: 'order o-1 does not exist',
      instance: 'urn:request:JKJaXm%3D',
      requestId: 'JKJaXm=',
    });
  });

  it('omits instance and requestId when no request id is known', () => {
    const body = bodyOf(problemResponse(new AppError(ErrorKind.BusinessRule, 'no')));
    expect(body).not.toHaveProperty('instance');
    expect(body).not.toHaveProperty('requestId');
  });

  it('lists the field issues of a validation error under errors', () => {
    const error = new AppError(ErrorKind.Validation, 'The request body is invalid', {
      issues: [{ field: 'items.0.quantity', message: 'Too small: expected number to be >0' }],
    });

    expect(bodyOf(problemResponse(error)).errors).toEqual([
      { field: 'items.0.quantity', message: 'Too small: expected number to be >0' },
    ]);
  });

  it('spreads details as extension members but never over standard members or unsafe names', () => {
    const details = JSON.parse(
      '{"currentVersion":4,"status":200,"type":"x","detail":"y","errors":[],"a-b":1,"__proto__":{"p":1},"_x":1}',
    ) as Record<string, unknown>;
    const body = bodyOf(problemResponse(new AppError(ErrorKind.Concurrency, 'stale', { details }), 'r'));

    expect(body).toMatchObject({ status: 412, currentVersion: 4, detail: 'stale' });
    expect(body.type).toBe('https://errors.kafka-es.dev/concurrency');
    expect(Object.keys(body)).toEqual([
      'type',
      'title',
      'status',
      'detail',
      'instance',
      'requestId',
      'currentVersion',
    ]);
  });

  it('drops details that cannot be serialised instead of failing', () => {
    const error = new AppError(ErrorKind.BusinessRule, 'amount wrong', { details: { amount: 10n } });
    const response = problemResponse(error);

    expect(response.statusCode).toBe(422);
    expect(bodyOf(response)).not.toHaveProperty('amount');
  });

  it('sends Retry-After for unavailable errors, 1 second unless the error says otherwise', () => {
    const retryAfter = (error: AppError) => problemResponse(error).headers?.['retry-after'];

    expect(retryAfter(new AppError(ErrorKind.Unavailable, 'down'))).toBe('1');
    expect(retryAfter(new AppError(ErrorKind.Unavailable, 'down', { retryAfterSeconds: 3 }))).toBe('3');
    expect(retryAfter(new AppError(ErrorKind.Unavailable, 'down', { retryAfterSeconds: 2.5 }))).toBe('3');
    expect(retryAfter(new AppError(ErrorKind.Unavailable, 'down', { retryAfterSeconds: Number.NaN }))).toBe(
      '1',
    );
    expect(retryAfter(new AppError(ErrorKind.NotFound, 'gone'))).toBeUndefined();
  });

  it('names the Bearer scheme on a 401, as RFC 9110 requires', () => {
    expect(problemResponse(new AppError(ErrorKind.Unauthorized, 'token expired')).headers).toEqual({
      'content-type': 'application/problem+json',
      'www-authenticate': 'Bearer',
    });
  });

  it('answers a recognised infrastructure failure with 503', () => {
    const kafkaDown = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:9098'), {
      name: 'KafkaJSConnectionError',
    });
    const response = problemResponse(kafkaDown);

    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain('10.0.0.7');
  });

  it.each([
    ['an Error', new Error('password=hunter2 at db.internal:5432')],
    ['a string', 'password=hunter2'],
    ['undefined', undefined],
    ['an object', { secret: 'password=hunter2' }],
  ])('answers %s with a 500 that leaks nothing', (_, thrown) => {
    const response = problemResponse(thrown, 'req-9');

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/hunter2|db\.internal|\bat\b/);
    expect(bodyOf(response)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
      instance: 'urn:request:req-9',
      requestId: 'req-9',
    });
    expect(response).toEqual(internalErrorResponse('req-9'));
  });
});
