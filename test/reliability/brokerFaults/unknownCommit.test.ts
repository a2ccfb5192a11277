import { setTimeout as sleep } from 'node:timers/promises';
import { startControlledBroker, stopAllBrokers, type ControlledBroker } from '../support/brokerControl';
import {
  byProfile,
  reliabilityProfile,
  startLoad,
  statusCounts,
  type LoadResult,
} from '../support/loadGenerator';
import { writeResult } from '../support/report';
import { verifyCell, verifyUntilConverged } from '../support/verifyLog';
import { auditAccounts } from './support/accountAudit';
import { startAccountSystem, type AccountSystem } from './support/accountSystem';
import { HANG_LIMIT_MS, expectAuditClean, report } from './support/expectations';
import { tapTransactions } from './support/transactionTap';

const PAUSE_MS = 6000;
const rounds = byProfile({ full: 5, reduced: 2 });

// Issue 5, item 4: the broker freezes (SIGSTOP) after a command's records were sent, right as its
// commit (EndTxn) goes out. The command cannot know whether the commit happened; it must answer 503,
// discard its producer, and a client retry with the same Idempotency-Key must yield the effect once.
describe('4. unknown commit outcome: the broker freezes during the commit', () => {
  let broker: ControlledBroker;
  let system: AccountSystem | undefined;
  let armed: (() => void) | undefined;
  const untap = tapTransactions({ beforeCommit: () => armed?.() });
  beforeAll(async () => {
    broker = await startControlledBroker();
    system = await startAccountSystem({ kafkaBrokers: broker.brokers });
  }, 120_000);
  afterAll(async () => {
    untap();
    await system?.stop();
    await stopAllBrokers();
  });

  it('answers within the hang limit, and the retry with the same Idempotency-Key applies the deposit exactly once', async () => {
    const customerId = `frozen-${Date.now().toString(36)}`;
    const commands = Array.from({ length: 2 * rounds + 1 }, (_, index) => ({
      key: `${customerId}-${index}`,
      amount: 10 + index,
    }));
    const send = (command: (typeof commands)[number]) =>
      system!.deposit(customerId, command.amount, command.key);
    const frozenRuns: LoadResult[] = [];
    for (const [index, command] of commands.entries()) {
      let resumed: Promise<void> | undefined;
      if (index % 2 === 1) {
        // One shot: the next commit in this process freezes the broker just before its EndTxn.
        armed = () => {
          armed = undefined;
          broker.pause();
          resumed = sleep(PAUSE_MS).then(() => broker.resume());
        };
      }
      const result = await startLoad({ commands: [command], concurrency: 1, send }).done;
      expect(result.acknowledged.size).toBe(1);
      if (index % 2 === 1) {
        expect(resumed).toBeDefined(); // the freeze happened during this command's commit
        frozenRuns.push(result);
        await resumed;
      }
    }
    const firstAttempts = frozenRuns.map((result) => result.attempts[0]!);
    const confirmedMs = Math.max(...frozenRuns.map((result) => result.endedAt - result.startedAt));
    await system!.settle();
    const audit = await auditAccounts(system!, new Map(commands.map((c) => [c.key, customerId])));
    const snapshot = await system!.views.get(customerId, { consistent: true });
    const verified = await verifyUntilConverged(30_000);
    const latencies = firstAttempts.map((a) => `${a.status} in ${a.latencyMs} ms`).join(', ');
    const retries = frozenRuns.flatMap((result) => result.attempts.slice(1));
    const summary =
      `first attempts while frozen: ${latencies}; their retries with the same key: ` +
      `${JSON.stringify(statusCounts(retries))}; slowest frozen command confirmed after ${confirmedMs} ms; ` +
      `log: ${audit.events} events, ` +
      `${audit.republishedCopies} republished copies; balance ${snapshot?.doc.balance} at version ${snapshot?.version}`;
    report(`unknown commit: ${summary} (runtime log: ${system!.logFile})`);
    writeResult(`04-unknown-commit.${reliabilityProfile()}`, {
      scenario: '4. Unknown commit outcome (broker frozen during EndTxn)',
      load: `${commands.length} deposits to one account, one at a time; ${rounds} of them frozen (${reliabilityProfile()})`,
      faults: `SIGSTOP of the broker as the commit is sent, SIGCONT ${PAUSE_MS / 1000} s later; ${rounds} times`,
      acknowledged: commands.length,
      lost: audit.lost.length,
      duplicated: audit.duplicated.length,
      recoverySeconds: confirmedMs / 1000,
      verify: verifyCell(verified),
      notes: summary,
    });

    expectAuditClean(audit);
    expect(verified.mismatches).toEqual([]);
    expect(snapshot).toMatchObject({
      version: commands.length,
      doc: { balance: commands.reduce((sum, c) => sum + c.amount, 0) },
    });
    for (const attempt of firstAttempts) expect(attempt.latencyMs).toBeLessThan(HANG_LIMIT_MS);
  }, 300_000);
});
