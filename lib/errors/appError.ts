/**
 * The kinds of failure the framework distinguishes. Each maps to exactly one HTTP status in
 * `lib/http/problemDetails.ts`; nothing else in the code base decides a status.
 */
export const ErrorKind = {
  Validation: 'validation',
  NotFound: 'not_found',
  InvalidTransition: 'invalid_transition',
  BusinessRule: 'business_rule',
  Concurrency: 'concurrency',
  IdempotencyConflict: 'idempotency_conflict',
  IdempotencyMismatch: 'idempotency_mismatch',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  Unavailable: 'unavailable',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** One field-level problem, for validation errors. */
export interface FieldIssue {
  /** Dotted path into the request, e.g. `items.0.quantity` or `header.if-match`. */
  field: string;
  message: string;
}

export interface AppErrorOptions {
  cause?: unknown;
  /** Validation errors: which fields and why. */
  issues?: readonly FieldIssue[];
  /** Unavailable errors: seconds after which a retry is sensible. */
  retryAfterSeconds?: number;
  /** Safe, caller-facing facts (e.g. the current version on a concurrency error). */
  details?: Record<string, unknown>;
}

/**
 * The single base error of the framework. `message` is written for the caller: it is sent in the
 * problem+json `detail`, so it must never contain secrets or internals.
 *
 * @example
 * throw new AppError(ErrorKind.BusinessRule, 'amount must equal the order total (4200)');
 */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly issues: readonly FieldIssue[];
  readonly retryAfterSeconds: number | undefined;
  readonly details: Record<string, unknown>;

  constructor(kind: ErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details ?? {};
  }
}

/** True for an {@link AppError}, optionally of one kind. */
export function isAppError(error: unknown, kind?: ErrorKind): error is AppError {
  return error instanceof AppError && (kind === undefined || error.kind === kind);
}
