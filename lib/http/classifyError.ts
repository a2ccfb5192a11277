import { AppError, ErrorKind } from '../errors/appError';

// Seconds suggested in Retry-After. Most infrastructure hiccups (a broker re-electing a leader, a reset
// socket) heal within a second; throttling needs real back-off; when kafkajs has already spent its own
// retry budget, an immediate retry would only repeat that.
const TRANSIENT_SECONDS = 1;
const THROTTLED_SECONDS = 2;
const RETRIES_EXHAUSTED_SECONDS = 5;
/** Causes are followed this deep: enough for kafkajs's wrappers, safe against cycles. */
const MAX_CAUSE_DEPTH = 5;

/** Matched by name so `lib/http` does not depend on kafkajs. */
const KAFKA_TRANSIENT = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSTimeout',
  'KafkaJSLockTimeout',
]);

const AWS_THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
]);

const AWS_TRANSIENT = new Set([
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** What the caller reads: no host names, no error codes, nothing about the infrastructure. */
const UNAVAILABLE_MESSAGE = 'A service this request depends on is temporarily unavailable; retry later.';

type ErrorLike = Record<string, unknown>;

/**
 * Recognises what the HTTP layer can explain: an {@link AppError} passes through (also when found as
 * the `cause` of a wrapper), and transient infrastructure failures — kafkajs connection and timeout
 * errors, retriable Kafka protocol errors, throttled or failing AWS SDK v3 calls, network errors —
 * become `unavailable` errors with a `retryAfterSeconds` of 1 to 5. Anything else is `undefined`: a
 * bug, which the caller answers with a 500.
 *
 * @example
 * toAppError(Object.assign(new Error('Connection timeout'), { name: 'KafkaJSConnectionError' }));
 * // AppError { kind: 'unavailable', retryAfterSeconds: 1, cause: <the original error> }
 * toAppError(new TypeError('x is undefined')); // undefined
 */
export function toAppError(error: unknown): AppError | undefined {
  const found = classify(error, 0);
  if (found === undefined || found instanceof AppError) return found;
  return new AppError(ErrorKind.Unavailable, UNAVAILABLE_MESSAGE, { cause: error, retryAfterSeconds: found });
}

function classify(error: unknown, depth: number): AppError | number | undefined {
  if (error instanceof AppError) return error;
  if (!isErrorLike(error) || depth > MAX_CAUSE_DEPTH) return undefined;
  const direct = kafkaRetryAfter(error) ?? awsRetryAfter(error) ?? networkRetryAfter(error);
  if (direct !== undefined) return direct;
  // kafkajs wraps the last failure in KafkaJSNumberOfRetriesExceeded and anything it will not retry in
  // KafkaJSNonRetriableError: the wrapped error decides. Retries exhausted on an unknown error still
  // mean "kafkajs thought this would heal", so it stays retriable.
  const inner = classify(error.cause, depth + 1);
  if (inner !== undefined) return inner;
  return error.name === 'KafkaJSNumberOfRetriesExceeded' ? RETRIES_EXHAUSTED_SECONDS : undefined;
}

function kafkaRetryAfter(error: ErrorLike): number | undefined {
  if (typeof error.name !== 'string') return undefined;
  if (KAFKA_TRANSIENT.has(error.name)) return TRANSIENT_SECONDS;
  // e.g. LEADER_NOT_AVAILABLE, NOT_LEADER_FOR_PARTITION, COORDINATOR_LOAD_IN_PROGRESS.
  if (error.name === 'KafkaJSProtocolError' && error.retriable === true) return TRANSIENT_SECONDS;
  return undefined;
}

function awsRetryAfter(error: ErrorLike): number | undefined {
  const name = typeof error.name === 'string' ? error.name : '';
  const retryable = error.$retryable;
  if (AWS_THROTTLING.has(name) || (isErrorLike(retryable) && retryable.throttling === true)) {
    return THROTTLED_SECONDS;
  }
  if (AWS_TRANSIENT.has(name) || error.$fault === 'server' || isErrorLike(retryable))
    return TRANSIENT_SECONDS;
  const metadata = error.$metadata;
  const status = isErrorLike(metadata) ? metadata.httpStatusCode : undefined;
  return typeof status === 'number' && status >= 500 ? TRANSIENT_SECONDS : undefined;
}

function networkRetryAfter(error: ErrorLike): number | undefined {
  return typeof error.code === 'string' && NETWORK_CODES.has(error.code) ? TRANSIENT_SECONDS : undefined;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null;
}
