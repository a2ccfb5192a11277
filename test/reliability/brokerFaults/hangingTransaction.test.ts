import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { topics } from '../../../infra/topology';
import { startControlledBroker, stopAllBrokers, type ControlledBroker } from '../support/brokerControl';
import {
  byProfile,
  reliabilityProfile,
  startLoad,
  statusCounts,
  type RunningLoad,
} from '../support/loadGenerator';
import { writeResult } from '../support/report';
import { verifyCell, verifyUntilConverged } from '../support/verifyLog';
import { auditAccounts } from './support/accountAudit';
import { startAccountSystem, type AccountSystem } from './support/accountSystem';
import { startHangingCommand } from './support/childCommand';
import { recordDeliveries } from './support/deliveries';
import { expectAuditClean, report } from './support/expectations';

const TRANSACTION_TIMEOUT_MS = 10_000;
// Kafka checks for expired transactions this often (transaction.abort.timed.out.transaction.cleanup.interval.ms,
// default 10 s, the same on Amazon MSK): an expired transaction waits up to that long for its abort.
const ABORT_SCAN_MS = 10_000;
// An upper bound on a mapping's batching window (the redrive mappings keep 1 s; the others have none).
const BATCHING_WINDOW_MS = 1000;
const SLACK_MS = 3000;
const HUNG_AMOUNT = 7;
const LOCKED_KEY_BOUND_MS = 10_000 + 2_000 + 3_000;
const background = byProfile({
  full: { commands: 300, accounts: 30 },
  reduced: { commands: 60, accounts: 12 },
});

// Issue 5, item 3: a command process is SIGKILLed between sending its records and committing them.
// Its transaction stays open on the partition, and read_committed consumers of that partition (the
// projections) cannot read past it until the broker aborts it.
describe('3. hanging transaction: a command process killed between send and commit', () => {
  let broker: ControlledBroker;
  let system: AccountSystem | undefined;
  const deliveries = recordDeliveries('projectAccounts');
  beforeAll(async () => {
    broker = await startControlledBroker();
    system = await startAccountSystem({ kafkaBrokers: broker.brokers });
  }, 120_000);
  let others: RunningLoad | undefined;
  afterAll(async () => {
    await others?.stop(); // only still running if the test failed half-way
    deliveries.restore();
    await system?.stop();
    await stopAllBrokers();
  });

  it('stalls only its partition, which resumes once the broker aborts the transaction; no aborted record is projected', async () => {
    const run = Date.now().toString(36);
    const [victim, neighbour, elsewhere] = accountsAround(`hang-${run}`);
    const key = (name: string) => `${name}-${run}`;
    const acknowledged = new Map<string, string>();
    const deposit = async (customerId: string, name: string, amount = 5) => {
      const load = startLoad({
        commands: [name],
        concurrency: 1,
        send: () => system!.deposit(customerId, amount, key(name)),
      });
      const result = await load.done;
      if (result.acknowledged.size === 1) acknowledged.set(key(name), customerId);
      return result;
    };
    for (const [name, id] of Object.entries({ victim, neighbour, elsewhere }))
      await deposit(id, `${name}-opened`);

    const child = await startHangingCommand(
      {
        ...system!.environment,
        KAFKA_TRANSACTION_TIMEOUT_MS: String(TRANSACTION_TIMEOUT_MS),
        AWS_LAMBDA_FUNCTION_NAME: 'depositFunds',
      },
      { customerId: victim, amount: HUNG_AMOUNT, key: key('victim-hung') },
    );
    await child.kill();
    const killedAt = Date.now();
    // The client of the killed command retries with its key (409 while the dead attempt's lock lasts:
    // the function timeout + 2 s from the start of the invocation).
    const retry = deposit(victim, 'victim-hung', HUNG_AMOUNT);
    others = startLoad({
      commands: Array.from({ length: background.commands }, (_, index) => ({
        index,
        customerId: `bg-${run}-${index % background.accounts}`,
      })),
      concurrency: 4,
      send: (c) => system!.deposit(c.customerId, 1, key(`bg-${c.index}`)),
    });
    await deposit(neighbour, 'neighbour-after');
    await deposit(elsewhere, 'elsewhere-after');
    const elsewhereAt = await projectedAt(system!, elsewhere, 2);
    const neighbourAt = await projectedAt(system!, neighbour, 2);
    const retried = await retry;
    const backgroundRun = await others.done;
    backgroundRun.acknowledged.forEach((_, index) =>
      acknowledged.set(key(`bg-${index}`), `bg-${run}-${index % background.accounts}`),
    );
    await system!.settle();
    const audit = await auditAccounts(system!, acknowledged);
    const verified = await verifyUntilConverged(30_000);

    const resumedMs = neighbourAt - child.sentAt;
    const bound = TRANSACTION_TIMEOUT_MS + ABORT_SCAN_MS + BATCHING_WINDOW_MS + SLACK_MS;
    const projectedAborted = child.sent.filter((offset) => deliveries.delivered.has(offset));
    const summary =
      `aborted records ${child.sent.join(',')}; the partition's projection resumed ${resumedMs} ms after the send ` +
      `(transaction timeout ${TRANSACTION_TIMEOUT_MS} ms), another partition's deposit was projected ${elsewhereAt - killedAt} ms ` +
      `after the kill; the killed command's retry: ${JSON.stringify(statusCounts(retried.attempts))}, acknowledged ` +
      `${((retried.endedAt - killedAt) / 1000).toFixed(1)} s after the kill; background ${JSON.stringify(statusCounts(backgroundRun.attempts))}; ` +
      `log: ${audit.events} events, ${audit.republishedCopies} republished copies`;
    report(`hanging transaction: ${summary} (runtime log: ${system!.logFile})`);
    writeResult(`03-hanging-transaction.${reliabilityProfile()}`, {
      scenario: '3. Hanging transaction (command process killed between send and commit)',
      load: `${background.commands} background deposits over ${background.accounts} accounts, 4 clients, plus 6 probe deposits on 3 accounts (${reliabilityProfile()})`,
      faults: `SIGKILL of a depositFunds process after its send, before its commit; transaction timeout ${TRANSACTION_TIMEOUT_MS / 1000} s`,
      acknowledged: acknowledged.size,
      lost: audit.lost.length,
      duplicated: audit.duplicated.length,
      recoverySeconds: resumedMs / 1000,
      verify: verifyCell(verified),
      notes: summary,
    });

    expect(projectedAborted).toEqual([]);
    expect(verified.mismatches).toEqual([]);
    expect(child.sent).toHaveLength(1);
    expect(deliveries.delivered.size).toBeGreaterThanOrEqual(audit.events); // the recorder saw the projection's input
    expect(retried.acknowledged.size).toBe(1);
    expect(backgroundRun.failed.size).toBe(0);
    expectAuditClean(audit);
    // It really stalled (until the transaction expired at least), and no longer than the broker's abort allows.
    expect(resumedMs).toBeGreaterThanOrEqual(TRANSACTION_TIMEOUT_MS - 1000);
    expect(resumedMs).toBeLessThanOrEqual(bound);
    expect(elsewhereAt - killedAt).toBeLessThan(5000);
    // The dead attempt's Idempotency-Key lock lasts its function timeout (10 s) + 2 s, not 30 s.
    expect(retried.endedAt - killedAt).toBeLessThan(LOCKED_KEY_BOUND_MS);
  }, 300_000);
});

/** Three account ids: two on one partition of the event topic, one on another. */
function accountsAround(prefix: string): [string, string, string] {
  const partitionOf = partitionerFor(topics.payments.partitions);
  const candidates = Array.from({ length: 200 }, (_, index) => `${prefix}-${index}`);
  const [victim, ...rest] = candidates as [string, ...string[]];
  const neighbour = rest.find((id) => partitionOf(id) === partitionOf(victim))!;
  const elsewhere = rest.find((id) => partitionOf(id) !== partitionOf(victim))!;
  return [victim, neighbour, elsewhere];
}

/** The partition kafkajs's default (Java-compatible murmur2) partitioner picks for a key. */
function partitionerFor(count: number): (key: string) => number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    partitionErrorCode: 0,
  }));
  return (key) => partitioner({ topic: 'any', partitionMetadata, message: { key, value: null } });
}

/** When the account's snapshot first showed `version` (polled every 100 ms, up to a minute). */
async function projectedAt(system: AccountSystem, id: string, version: number): Promise<number> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    if (((await system.views.get(id, { consistent: true }))?.version ?? 0) >= version) return Date.now();
  }
  throw new Error(`${id} never reached version ${version}`);
}
