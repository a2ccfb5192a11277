import type { KafkaMessage, Producer, ProducerConfig, Transaction } from 'kafkajs';
import { testEventLog } from '../../integration/support/eventLogs';
import { consumeFromStart, createTopic, testKafka } from '../../integration/support/kafka';
import { uniqueName } from '../../integration/support/names';
import { fullProfile, recordResult } from './scenarioResult';
import { deferCleanup } from './cleanup';

// Scenario 5: two producers share one transactional id — a "zombie" (a Lambda frozen mid-command,
// or the producer kafkaEventLog discards after an unknown commit) and its successor. Kafka's answer
// is fencing: the successor's InitProducerId bumps the epoch, aborts the zombie's open transaction,
// and every later request of the zombie is refused. What a read_committed reader sees must be the
// zombie's pre-fence commits, then the successor's transactions, and nothing else.

const SUCCESSOR_TRANSACTIONS = fullProfile ? 200 : 40;
const ZOMBIE_ATTEMPTS = fullProfile ? 100 : 20;
const RECORDS_PER_TRANSACTION = 3;

// The options kafkaEventLog gives its producers (lib/eventLog/kafkaEventLog.ts), fewer retries.
const producerConfig = (transactionalId: string): ProducerConfig => ({
  transactionalId,
  idempotent: true,
  maxInFlightRequests: 1,
  transactionTimeout: 10_000,
  retry: { retries: 2, initialRetryTime: 10, maxRetryTime: 200 },
});

interface Written {
  writer: 'zombie' | 'successor';
  phase: string;
  tx: number;
  i: number;
}

const messages = (writer: Written['writer'], phase: string, tx: number) =>
  Array.from({ length: RECORDS_PER_TRANSACTION }, (_, i) => ({
    key: writer,
    value: JSON.stringify({ writer, phase, tx, i } satisfies Written),
  }));

async function commitOnce(
  producer: Producer,
  topic: string,
  writer: Written['writer'],
  phase: string,
  tx: number,
) {
  const transaction = await producer.transaction();
  try {
    await transaction.send({ topic, messages: messages(writer, phase, tx) });
    await transaction.commit();
  } catch (error) {
    await transaction.abort().catch(() => undefined);
    throw error;
  }
}

interface ZombieOutcome {
  /** Sends into its open transaction that the broker took (they stay in an aborted transaction). */
  sends: number;
  /** The commit of that transaction: must not be 'committed'. */
  commit: string;
  /** New transactions begun afterwards and committed. */
  committed: number;
  errors: string[];
}

/**
 * The zombie goes on as if nothing happened: it keeps sending into the transaction it had open
 * (each send reaches the broker with the old epoch), tries to commit it, then tries new ones.
 */
async function zombieKeepsWriting(
  zombie: Producer,
  open: Transaction,
  topic: string,
): Promise<ZombieOutcome> {
  const outcome: ZombieOutcome = { sends: 0, commit: '', committed: 0, errors: [] };
  for (let i = 0; i < ZOMBIE_ATTEMPTS; i += 1) {
    await open.send({ topic, messages: messages('zombie', 'after-fence', i) }).then(
      () => (outcome.sends += 1),
      (error: unknown) => outcome.errors.push(errorType(error)),
    );
  }
  outcome.commit = await open.commit().then(() => 'committed', errorType);
  for (let tx = 0; tx < 3; tx += 1) {
    await commitOnce(zombie, topic, 'zombie', 'new-after-fence', tx).then(
      () => (outcome.committed += 1),
      (error: unknown) => outcome.errors.push(errorType(error)),
    );
  }
  return outcome;
}

/** The broker's error code when there is one (kafkajs wraps it), else the error's name. */
function errorType(error: unknown): string {
  const { type, name, message, cause } = error as {
    type?: string;
    name?: string;
    message?: string;
    cause?: unknown;
  };
  if (type) return type;
  return cause ? errorType(cause) : `${name ?? 'Error'} (${(message ?? String(error)).slice(0, 80)})`;
}

const parse = (message: KafkaMessage) => JSON.parse(message.value!.toString()) as Written;

describe('scenario 5: zombie producer', () => {
  const defer = deferCleanup();

  it('fences the older producer: read_committed shows its pre-fence commits, then only the successor', async () => {
    const topic = await createTopic('zombie');
    const kafka = testKafka('zombie-scenario');
    const transactionalId = uniqueName('zombie-tid');
    const zombie = kafka.producer(producerConfig(transactionalId));
    defer(() => zombie.disconnect());
    await zombie.connect();
    await commitOnce(zombie, topic, 'zombie', 'before-fence', 0);
    // The zombie is mid-command when its successor starts: a transaction open, records sent.
    const open = await zombie.transaction();
    await open.send({ topic, messages: messages('zombie', 'open-at-fence', 1) });

    const fencingStarted = Date.now();
    const successor = kafka.producer(producerConfig(transactionalId));
    defer(() => successor.disconnect());
    await successor.connect();
    await commitOnce(successor, topic, 'successor', 'first', 0);
    const takeoverSeconds = (Date.now() - fencingStarted) / 1000;

    const [zombieOutcome, successorCommitted] = await Promise.all([
      zombieKeepsWriting(zombie, open, topic),
      (async () => {
        for (let tx = 1; tx < SUCCESSOR_TRANSACTIONS; tx += 1)
          await commitOnce(successor, topic, 'successor', 'run', tx);
        return SUCCESSOR_TRANSACTIONS;
      })(),
    ]);
    await commitOnce(successor, topic, 'successor', 'end', SUCCESSOR_TRANSACTIONS);
    await Promise.allSettled([zombie.disconnect(), successor.disconnect()]);

    const isEnd = (m: KafkaMessage) => parse(m).phase === 'end' && parse(m).i === RECORDS_PER_TRANSACTION - 1;
    const committed = (await consumeFromStart(topic, { until: (seen) => seen.some(isEnd) })).map(parse);
    const everything = (
      await consumeFromStart(topic, { readUncommitted: true, until: (seen) => seen.some(isEnd) })
    ).map(parse);

    const firstSuccessor = committed.findIndex((w) => w.writer === 'successor');
    const zombieVisible = committed.filter((w) => w.writer === 'zombie');
    const successorVisible = committed.filter((w) => w.writer === 'successor');
    const successorIds = successorVisible.map((w) => `${w.tx}/${w.i}`);
    const expectedSuccessor = (successorCommitted + 1) * RECORDS_PER_TRANSACTION;
    const duplicated = successorIds.length - new Set(successorIds).size;

    recordResult('05-zombie-producer', {
      scenario: '5. Zombie producer (two producers, one transactional id)',
      load: `${successorCommitted + 1} successor transactions and ${ZOMBIE_ATTEMPTS} zombie attempts of ${RECORDS_PER_TRANSACTION} records, one transactional id, 1 partition`,
      faults:
        'a second producer initialises the same transactional id while the first has a transaction open',
      acknowledged: expectedSuccessor,
      lost: expectedSuccessor - new Set(successorIds).size,
      duplicated,
      recoverySeconds: takeoverSeconds,
      verify: 'not applicable: raw records of one transactional id, no aggregate to fold',
      notes:
        `counts are successor records; zombie, after the fence: ${zombieOutcome.sends} of ${ZOMBIE_ATTEMPTS} sends into its open transaction taken, ` +
        `its commit ${zombieOutcome.commit}, ${zombieOutcome.committed} of 3 new transactions committed ` +
        `(errors: ${[...new Set(zombieOutcome.errors)].join(', ')}); ` +
        `${everything.filter((w) => w.phase === 'open-at-fence').length} records of its open transaction are in the log, aborted; ` +
        `${zombieVisible.length} zombie records visible to read_committed, all committed before the fence.`,
    });

    expect(zombieOutcome.sends).toBe(0);
    expect(zombieOutcome.commit).not.toBe('committed');
    expect(zombieOutcome.committed).toBe(0);
    expect(zombieVisible.every((w) => w.phase === 'before-fence')).toBe(true);
    expect(zombieVisible).toHaveLength(RECORDS_PER_TRANSACTION);
    // No interleaving: once the successor appears, the zombie never does again.
    expect(committed.slice(firstSuccessor).every((w) => w.writer === 'successor')).toBe(true);
    expect(everything.some((w) => w.phase === 'open-at-fence')).toBe(true);
    expect(new Set(successorIds).size).toBe(expectedSuccessor);
    expect(duplicated).toBe(0);
  }, 120_000);

  it('kafkaEventLog: an append that meets a fence fails whole and leaves nothing visible', async () => {
    const topic = await createTopic('zombie-log');
    // Same prefix, pool of one: both logs use `<prefix>-<environment id>-0`.
    const transactionalIdPrefix = uniqueName('zombie-log');
    const options = {
      clientId: 'zombie-log',
      transactionalIdPrefix,
      transactionTimeoutMs: 10_000,
      retries: 2,
    };
    const older = testEventLog(options);
    const newer = testEventLog(options);
    defer(() => Promise.all([older.close(), newer.close()]));
    const record = (value: string) => [{ topic, key: 'k', value, headers: {} }];
    const outcomes: string[] = [];
    const append = async (log: typeof older, value: string) =>
      log.append(record(value)).then(
        () => outcomes.push(`${value}:ok`),
        () => outcomes.push(`${value}:failed`),
      );
    await append(older, 'older-1');
    await append(newer, 'newer-1'); // fences `older`
    await append(older, 'older-2'); // fenced: fails, and the slot discards its producer
    await append(newer, 'newer-2');
    await append(newer, 'end');
    await Promise.all([older.close(), newer.close()]);

    const seen = (
      await consumeFromStart(topic, { until: (s) => s.some((m) => m.value?.toString() === 'end') })
    ).map((m) => m.value!.toString());
    const succeeded = outcomes.filter((o) => o.endsWith(':ok')).map((o) => o.split(':')[0]);
    expect(outcomes).toContain('older-2:failed');
    expect(seen).toEqual(succeeded);
  });
});
