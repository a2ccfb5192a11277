import type { APIGatewayProxyHandlerV2, Context } from 'aws-lambda';
import { AppError, ErrorKind } from '../../../../lib/errors/appError';
import { httpHandler } from '../../../../lib/http/httpHandler';
import { jsonResponse } from '../../../../lib/http/response';
import { postOrderEvent } from './httpEvent';

const context = { awsRequestId: 'c0ffee00-0000-4000-8000-000000000000' } as Context;

function logged(lines: string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('httpHandler', () => {
  it('produces a handler Lambda accepts for an HTTP API route', () => {
    const handler: APIGatewayProxyHandlerV2 = httpHandler(() =>
      Promise.resolve(jsonResponse(204, undefined)),
    );
    expect(typeof handler).toBe('function');
  });

  it('returns what the route returns', async () => {
    const handler = httpHandler(() => Promise.resolve(jsonResponse(200, { ok: true })));
    await expect(handler(postOrderEvent(), context)).resolves.toEqual(jsonResponse(200, { ok: true }));
  });

  it('answers an AppError with its problem response and logs nothing', async () => {
    const lines: string[] = [];
    const handler = httpHandler(() => Promise.reject(new AppError(ErrorKind.Concurrency, 'stale version')), {
      log: (line) => lines.push(line),
    });

    const response = await handler(postOrderEvent(), context);

    expect(response.statusCode).toBe(412);
    expect(JSON.parse(response.body ?? '')).toMatchObject({
      detail: 'stale version',
      requestId: 'JKJaXmPLvHcESHA=',
    });
    expect(lines).toEqual([]);
  });

  it('answers an infrastructure failure with 503 and logs it as a warning', async () => {
    const lines: string[] = [];
    const failure = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:9098'), {
      name: 'KafkaJSConnectionError',
    });
    const handler = httpHandler(() => Promise.reject(failure), { log: (line) => lines.push(line) });

    const response = await handler(postOrderEvent(), context);

    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
    expect(response.body).not.toContain('10.1.2.3');
    expect(logged(lines)).toMatchObject([{ level: 'warn', error: { name: 'KafkaJSConnectionError' } }]);
  });

  it('answers an unknown error with a 500 that leaks nothing, and logs the details', async () => {
    const lines: string[] = [];
    const handler = httpHandler(() => Promise.reject(new TypeError('cannot read secretToken of undefined')), {
      log: (line) => lines.push(line),
    });

    const response = await handler(postOrderEvent(), context);

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/secretToken|TypeError/);
    expect(logged(lines)).toEqual([
      {
        level: 'error',
        message: 'Unhandled error',
        requestId: 'JKJaXmPLvHcESHA=',
        awsRequestId: context.awsRequestId,
        route: 'POST /orders/{orderId}',
        error: {
          name: 'TypeError',
          message: 'cannot read secretToken of undefined',
          stack: expect.stringContaining('TypeError: cannot read secretToken') as string,
        },
      },
    ]);
  });

  it('catches synchronous throws and non-Error values too', async () => {
    const lines: string[] = [];
    const handler = httpHandler(
      () => {
        throw 'plain string'; // eslint-disable-line @typescript-eslint/only-throw-error
      },
      { log: (line) => lines.push(line) },
    );

    await expect(handler(postOrderEvent(), context)).resolves.toMatchObject({ statusCode: 500 });
    expect(logged(lines)[0]?.error).toEqual({ name: 'string', message: 'plain string' });
  });

  it('logs to console.error by default', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await httpHandler(() => Promise.reject(new Error('boom')))(postOrderEvent(), context);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('never throws, even for a malformed event, a hostile error and a failing logger', async () => {
    const hostile = new Proxy(new Error('x'), {
      get: () => {
        throw new Error('trap');
      },
    });
    const handler = httpHandler(() => Promise.reject(hostile), {
      log: () => {
        throw new Error('log sink down');
      },
    });
    const broken = {} as Parameters<typeof handler>[0];

    await expect(handler(broken, {} as Context)).resolves.toMatchObject({ statusCode: 500 });
  });
});
