import type { DeadLetter, DeadLetterSink } from './deadLetterSink';

/**
 * A dead-letter sink in memory, for unit tests. `failNext` makes the next send reject and keep
 * nothing, as a producer that could not reach the broker would.
 *
 * @example
 * const deadLetters = new InMemoryDeadLetterSink();
 * expect(deadLetters.letters.map((l) => l.reason)).toEqual(['not_json']);
 */
export class InMemoryDeadLetterSink implements DeadLetterSink {
  readonly letters: DeadLetter[] = [];
  private failure: Error | undefined;

  send(letters: readonly DeadLetter[]): Promise<void> {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) return Promise.reject(failure);
    this.letters.push(...letters);
    return Promise.resolve();
  }

  failNext(error = new Error('simulated dead-letter failure')): void {
    this.failure = error;
  }
}
