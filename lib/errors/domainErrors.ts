import { AppError, ErrorKind } from './appError';

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
