import type { z } from 'zod';
import { businessRule } from '../errors/domainErrors';

/**
 * Checks a command against its schema inside `decide`, rejecting a malformed one as a business rule
 * (422). Commands are typed, but HTTP bodies and other services' event data end up in them; an event
 * that broke its catalog would otherwise be refused at publish time as a 500, and a reactor would
 * retry it forever.
 *
 * @example
 * const checked = checkCommand(orderCommandSchema, command);
 */
export function checkCommand<Command extends { type: string }>(
  schema: z.ZodType<Command>,
  candidate: Command,
): Command {
  const result = schema.safeParse(candidate);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.join('.'),
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.field || '(command)'}: ${issue.message}`).join('; ');
  throw businessRule(`invalid ${String(candidate.type)} command: ${summary}`, { issues });
}
