import { deadLetterHeaders, type DeadLetter } from '../../lib/deadLetter/deadLetterSink';
import { storedLetterOf, type StoredLetter } from '../../lib/deadLetter/parkedLetters';

/**
 * Letters as `kes dlq` reads them back from the dead-letter topic: the original record plus the
 * dlq_* headers, at offsets 0, 1, … of one partition.
 */
export function readBackLetters(letters: readonly DeadLetter[]): StoredLetter[] {
  return letters.map((letter, index) =>
    storedLetterOf({
      ...letter.record,
      topic: 'dead-letters',
      partition: 0,
      offset: String(index),
      headers: Object.fromEntries(
        Object.entries(deadLetterHeaders(letter)).map(([name, value]) => [name, Buffer.from(value)]),
      ),
    }),
  );
}
