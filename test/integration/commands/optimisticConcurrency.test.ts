import type { KafkaMessage } from 'kafkajs';
import { consumeFromStart } from '../support/kafka';
import { tallyCommandStack } from '../support/tallyCommands';
import { meta } from '../../support/tallyDomain';

// G3: one conditional write per decision makes racing commands safe on a real DynamoDB API.
describe('optimistic concurrency against dynalite and the broker', () => {
  let stack: Awaited<ReturnType<typeof tallyCommandStack>>;
  beforeAll(async () => {
    stack = await tallyCommandStack({ poolSize: 4 });
  });
  afterAll(() => stack.close());

  it('lets exactly one of 20 commands with the same expected version win; 19 get concurrency errors', async () => {
    await stack.handle({ aggregateId: 'g3-a', command: { type: 'Open', name: 'a' }, metadata: meta() });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        stack.handle({
          aggregateId: 'g3-a',
          command: { type: 'Increment', by: 1 },
          metadata: meta(),
          expectedVersion: 1,
        }),
      ),
    );
    const rejected = outcomes
      .filter((o) => o.status === 'rejected')
      .map((o) => (o.reason as { kind?: string }).kind);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toEqual(Array.from({ length: 19 }, () => 'concurrency'));
    expect((await stack.heads.read('g3-a'))?.version).toBe(2);
  });

  it('serialises 20 racing commands without an expected version: all succeed, gapless versions in Kafka', async () => {
    await stack.handle({ aggregateId: 'g3-b', command: { type: 'Open', name: 'b' }, metadata: meta() });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        stack.handle({
          aggregateId: 'g3-b',
          command: { type: 'Increment', by: 1, times: 2 },
          metadata: meta(),
        }),
      ),
    );
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => 3 + 2 * i),
    );
    const head = await stack.heads.read('g3-b');
    expect(head).toMatchObject({ version: 41, state: { total: 40 }, pending: [] });

    const versionsOf = (messages: KafkaMessage[]) =>
      messages
        .filter((m) => m.key?.toString() === 'g3-b')
        .map((m) => Number(m.headers?.ce_aggregateversion?.toString()));
    const seen = await consumeFromStart(stack.topic, { until: (s) => new Set(versionsOf(s)).size >= 41 });
    const versions = versionsOf(seen);
    // Records of a command still pending when the next one wins travel again in the winner's
    // transaction, so a version can appear twice; its FIRST appearances are gapless and in order.
    expect([...new Set(versions)]).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  });
});
