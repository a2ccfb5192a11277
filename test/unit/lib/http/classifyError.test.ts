import { AppError, ErrorKind } from '../../../../lib/errors/appError';
import { toAppError } from '../../../../lib/http/classifyError';

/** An error shaped like kafkajs's: an Error subclass whose `name` is set in the constructor. */
function kafkaError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name, retriable: true, ...extra });
}

/** An error shaped like an AWS SDK v3 service exception. */
function awsError(name: string, httpStatusCode: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name}: details`), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'R1', attempts: 3, totalRetryDelay: 180 },
    ...extra,
  });
}

/** A Node.js system error, as `net` raises it. */
function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:9092`), {
    code,
    errno: -111,
    syscall: 'connect',
  });
}

function expectUnavailable(error: unknown, retryAfterSeconds: number): void {
  const appError = toAppError(error);
  expect(appError).toBeInstanceOf(AppError);
  expect(appError?.kind).toBe(ErrorKind.Unavailable);
  expect(appError?.retryAfterSeconds).toBe(retryAfterSeconds);
  expect(appError?.cause).toBe(error);
  expect(appError?.message).not.toContain('127.0.0.1');
}

describe('toAppError', () => {
  it('passes an AppError through unchanged', () => {
    const error = new AppError(ErrorKind.BusinessRule, 'no');
    expect(toAppError(error)).toBe(error);
  });

  it.each([
    ['a TypeError', new TypeError('x is undefined')],
    ['a plain Error', new Error('boom')],
    ['a string', 'boom'],
    ['null', null],
    [
      'a non-retriable Kafka protocol error',
      kafkaError('KafkaJSProtocolError', { retriable: false, type: 'INVALID_PRODUCER_EPOCH' }),
    ],
    ['a conditional check failure', awsError('ConditionalCheckFailedException', 400)],
    ['a validation error from DynamoDB', awsError('ValidationException', 400)],
    ['an unknown error code', networkError('EACCES')],
    [
      'a non-retriable kafkajs error with a harmless cause',
      kafkaError('KafkaJSNonRetriableError', { cause: new Error('bug') }),
    ],
  ])('leaves %s unclassified', (_, error) => {
    expect(toAppError(error)).toBeUndefined();
  });

  describe('kafkajs', () => {
    it.each([
      'KafkaJSConnectionError',
      'KafkaJSConnectionClosedError',
      'KafkaJSRequestTimeoutError',
      'KafkaJSBrokerNotFound',
      'KafkaJSNoBrokerAvailableError',
      'KafkaJSLockTimeout',
      'KafkaJSTimeout',
      'KafkaJSMetadataNotLoaded',
      'KafkaJSGroupCoordinatorNotFound',
    ])('treats %s as unavailable for a second', (name) => {
      expectUnavailable(kafkaError(name), 1);
    });

    it('treats a retriable protocol error (e.g. LEADER_NOT_AVAILABLE) as unavailable', () => {
      expectUnavailable(kafkaError('KafkaJSProtocolError', { type: 'LEADER_NOT_AVAILABLE', code: 5 }), 1);
    });

    it('looks through KafkaJSNonRetriableError to the connection error it wraps', () => {
      const cause = kafkaError('KafkaJSConnectionError', { code: 'ECONNREFUSED' });
      expectUnavailable(kafkaError('KafkaJSNonRetriableError', { retriable: false, cause }), 1);
    });

    it('suggests a longer wait once kafkajs has exhausted its own retries', () => {
      const cause = kafkaError('KafkaJSError', { retriable: true });
      expectUnavailable(kafkaError('KafkaJSNumberOfRetriesExceeded', { retriable: false, cause }), 5);
    });

    it('returns an AppError that kafkajs wrapped instead of hiding it', () => {
      const domainError = new AppError(ErrorKind.Concurrency, 'stale');
      const wrapped = kafkaError('KafkaJSNumberOfRetriesExceeded', { retriable: false, cause: domainError });
      expect(toAppError(wrapped)).toBe(domainError);
    });
  });

  describe('AWS SDK v3', () => {
    it.each(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded'])(
      'treats %s as throttling: retry after 2 seconds',
      (name) => {
        expectUnavailable(awsError(name, 400, { $retryable: { throttling: true } }), 2);
      },
    );

    it.each(['InternalServerError', 'ServiceUnavailable'])('treats %s as unavailable', (name) => {
      expectUnavailable(awsError(name, 500), 1);
    });

    it('treats a client-side TimeoutError (no $metadata) as unavailable', () => {
      expectUnavailable(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }), 1);
    });

    it('treats any 5xx response as unavailable', () => {
      expectUnavailable({ name: 'SomeNewException', $metadata: { httpStatusCode: 502 } }, 1);
    });

    it('treats an error the SDK marks $retryable as unavailable', () => {
      expectUnavailable(
        { name: 'TransactionInProgress', $retryable: {}, $metadata: { httpStatusCode: 400 } },
        1,
      );
    });
  });

  describe('network', () => {
    it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'])(
      'treats %s as unavailable',
      (code) => {
        expectUnavailable(networkError(code), 1);
      },
    );

    it('finds a network error given as the cause (e.g. fetch failed)', () => {
      expectUnavailable(new TypeError('fetch failed', { cause: networkError('ECONNRESET') }), 1);
    });
  });

  it('stops following causes after a few levels (and on cycles)', () => {
    const cyclic: { name: string; cause?: unknown } = { name: 'Loop' };
    cyclic.cause = cyclic;
    expect(toAppError(cyclic)).toBeUndefined();

    let deep: unknown = networkError('ECONNRESET');
    for (let level = 0; level < 10; level++) deep = new Error('wrapper', { cause: deep });
    expect(toAppError(deep)).toBeUndefined();
  });
});
