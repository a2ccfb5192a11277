import { AppError, ErrorKind, isAppError } from './appError';

/** A decider rejects a command the current state does not allow (e.g. paying a cancelled order). */
export function invalidTransition(command: string, state: string): AppError {
  return new AppError(ErrorKind.InvalidTransition, `${command} is not allowed when the state is ${state}`, {
    details: { command, state },
  });
}

/** A decider rejects a command that breaks a business rule (e.g. a wrong amount). */
export function businessRule(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorKind.BusinessRule, message, { details });
}

/** The aggregate does not exist (and the command cannot create it). */
export function notFound(what: string, id: string): AppError {
  return new AppError(ErrorKind.NotFound, `${what} ${id} does not exist`, { details: { id } });
}

const DOMAIN_REJECTIONS: readonly string[] = [
  ErrorKind.InvalidTransition,
  ErrorKind.BusinessRule,
  ErrorKind.NotFound,
];

/**
 * A rejection that is an answer, not a failure: a decider refused the command for a domain reason,
 * and asking again would get the same answer. Reactors count and skip these; a batch of commands
 * records them per member and goes on with the others.
 */
export function isDomainRejection(error: unknown): error is AppError {
  return isAppError(error) && DOMAIN_REJECTIONS.includes(error.kind);
}
