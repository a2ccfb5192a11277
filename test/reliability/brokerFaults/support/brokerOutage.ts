import { setTimeout as sleep } from 'node:timers/promises';
import { startControlledBroker, stopAllBrokers, type ControlledBroker } from '../../support/brokerControl';
import { byProfile, maxLatencyMs, reliabilityProfile } from '../../support/loadGenerator';
import { writeResult } from '../../support/report';
import { verifyCell, verifyUntilConverged } from '../../support/verifyLog';
import { startAccountSystem, type AccountSystem } from './accountSystem';
import { depositsUnderFault, describeRun, type DepositLoad } from './depositsUnderFault';
import { HANG_LIMIT_MS, expectNothingLost, report } from './expectations';

export const outageLoad: DepositLoad = byProfile({
  full: { commands: 2000, accounts: 50, concurrency: 16 },
  reduced: { commands: 400, accounts: 20, concurrency: 12 },
});

/** How long the broker stays down before it is started again. */
const DOWN_MS = 3000;

export interface BrokerOutage {
  /** Names the results file: `<file>.<profile>.json`. */
  readonly file: string;
  readonly scenario: string;
  /** How the broker goes down, e.g. "SIGKILL". */
  readonly signal: string;
  readonly takeDown: (broker: ControlledBroker) => Promise<void>;
}

/**
 * A single private broker taken down at a quarter of a deposit load and restarted on the same
 * storage and port `DOWN_MS` later. Pass: while it is down every attempt is answered (503 +
 * Retry-After) within {@link HANG_LIMIT_MS}; after clients retried their 503s with the same keys,
 * the audit finds every acknowledged deposit once in the log and the snapshots, nothing else.
 */
export function describeBrokerOutage(outage: BrokerOutage): void {
  describe(outage.scenario, () => {
    let broker: ControlledBroker;
    let system: AccountSystem | undefined;
    beforeAll(async () => {
      broker = await startControlledBroker();
      system = await startAccountSystem({ kafkaBrokers: broker.brokers });
    }, 120_000);
    afterAll(async () => {
      await system?.stop();
      await stopAllBrokers();
    });

    it('answers 503 fast while the broker is down; afterwards every acknowledged deposit is in its snapshot exactly once', async () => {
      let restartMs = 0;
      const run = await depositsUnderFault(system!, outageLoad, {
        faultAfter: 0.25,
        inject: async () => {
          const injectedAt = Date.now();
          await outage.takeDown(broker);
          await sleep(DOWN_MS);
          restartMs = await broker.restart();
          return { injectedAt, healedAt: Date.now() };
        },
      });
      const summary = `${describeRun(run)}; restart took ${restartMs} ms`;
      report(`${outage.scenario}: ${summary} (runtime log: ${system!.logFile})`);
      const { commands, accounts, concurrency } = outageLoad;
      const verified = await verifyUntilConverged(30_000);
      writeResult(`${outage.file}.${reliabilityProfile()}`, {
        scenario: outage.scenario,
        load: `${commands} deposits over ${accounts} accounts, ${concurrency} clients (${reliabilityProfile()})`,
        faults: `${outage.signal} at 25 % of the load, restarted ${DOWN_MS / 1000} s later on the same storage and port`,
        acknowledged: run.load.acknowledged.size,
        lost: run.audit.lost.length,
        duplicated: run.audit.duplicated.length,
        recoverySeconds: run.recoveryMs === null ? null : run.recoveryMs / 1000,
        verify: verifyCell(verified),
        notes: summary,
      });

      expectNothingLost(run, commands);
      expect(verified.mismatches).toEqual([]);
      expect(run.duringFault.filter((a) => a.status === 503).length).toBeGreaterThan(0);
      expect(maxLatencyMs(run.duringFault)).toBeLessThan(HANG_LIMIT_MS);
    }, 600_000);
  });
}
