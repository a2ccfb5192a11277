import { deadLetterHeaders, type DeadLetter } from '../../../../lib/deadLetter/deadLetterSink';
import { InMemoryDeadLetterSink } from '../../../../lib/deadLetter/inMemoryDeadLetterSink';

const letter = (overrides: Partial<DeadLetter> = {}): DeadLetter => ({
  record: {
    topic: 'accounts',
    partition: 2,
    offset: '9007199254740993',
    timestamp: '1767225600000',
    key: Buffer.from('a'),
    value: Buffer.from('{'),
    headers: { ce_type: Buffer.from('account.AccountOpened.v1'), dlq_reason: Buffer.from('older') },
  },
  reason: 'not_json',
  detail: 'Unexpected end of JSON input',
  consumer: 'accounts',
  ...overrides,
});

describe('deadLetterHeaders', () => {
  it('keeps the original headers and adds where the record came from, why, and who gave up', () => {
    expect(deadLetterHeaders(letter())).toEqual({
      ce_type: Buffer.from('account.AccountOpened.v1'),
      dlq_reason: 'not_json',
      dlq_detail: 'Unexpected end of JSON input',
      dlq_source_topic: 'accounts',
      dlq_source_partition: '2',
      dlq_source_offset: '9007199254740993',
      dlq_consumer: 'accounts',
    });
  });

  it('shortens a very long detail', () => {
    const headers = deadLetterHeaders(letter({ detail: 'x'.repeat(10_000) }));
    expect((headers.dlq_detail as string).length).toBe(2001);
  });
});

describe('InMemoryDeadLetterSink', () => {
  it('keeps letters, and keeps nothing from a send told to fail', async () => {
    const sink = new InMemoryDeadLetterSink();
    sink.failNext();
    await expect(sink.send([letter()])).rejects.toThrow('simulated dead-letter failure');
    await sink.send([letter()]);
    expect(sink.letters).toHaveLength(1);
  });
});
