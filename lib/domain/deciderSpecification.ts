import { isDeepStrictEqual } from 'node:util';
import type { CommandMetadata, Decider, DomainEvent } from './decider';
import { fold } from './decider';

/** Metadata for specifications: a fixed clock and ids, so expectations are exact. */
export const specMetadata: CommandMetadata = {
  now: '2026-01-01T00:00:00.000Z',
  commandId: 'command-1',
  correlationId: 'correlation-1',
};

interface Then<Event> {
  /** The command produced exactly these events. */
  then(expected: readonly Event[]): void;
  /** The command was rejected with an error matching `matcher` (a kind, message pattern or predicate). */
  thenThrows(matcher: ErrorMatcher): void;
}
type ErrorMatcher = string | RegExp | ((error: unknown) => boolean);

/**
 * given/when/then for deciders: given past events, when a command, then events or an error.
 * Framework-agnostic: it throws a descriptive Error on mismatch, so it works in any test runner.
 *
 * @example
 * const spec = deciderSpecification(orderDecider);
 * spec.given([placed]).when({ type: 'Cancel' }).then([cancelled]);
 * spec.given([]).when({ type: 'Cancel' }).thenThrows('invalid_transition');
 */
export function deciderSpecification<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  metadata: CommandMetadata = specMetadata,
) {
  return {
    given: (history: readonly Event[]) => ({
      when: (command: Command): Then<Event> => {
        const run = () => decider.decide(command, fold(decider, history), metadata);
        return {
          then: (expected) => assertEqual(run(), expected),
          thenThrows: (matcher) => assertThrows(run, matcher),
        };
      },
    }),
  };
}

function assertEqual(actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(actual, expected)) return;
  const show = (value: unknown) => JSON.stringify(value, null, 2);
  throw new Error(`events differ\nexpected: ${show(expected)}\nactual:   ${show(actual)}`);
}

function assertThrows(run: () => unknown, matcher: ErrorMatcher): void {
  let produced: unknown;
  try {
    produced = run();
  } catch (error) {
    if (matches(error, matcher)) return;
    throw new Error(`the command threw, but not as expected (${String(matcher)}): ${describe(error)}`);
  }
  throw new Error(`expected the command to be rejected, but it produced ${JSON.stringify(produced)}`);
}

function matches(error: unknown, matcher: ErrorMatcher): boolean {
  if (typeof matcher === 'function') return matcher(error);
  const kind = (error as { kind?: unknown }).kind;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof matcher === 'string') return kind === matcher || message.includes(matcher);
  return matcher.test(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
