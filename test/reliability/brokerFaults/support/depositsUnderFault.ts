import { randomBytes } from 'node:crypto';
import {
  attemptsBetween,
  maxLatencyMs,
  startLoad,
  statusCounts,
  type Attempt,
  type LoadResult,
} from '../../support/loadGenerator';
import { auditAccounts, type AuditResult } from './accountAudit';
import type { AccountSystem } from './accountSystem';

export interface DepositLoad {
  readonly commands: number;
  readonly accounts: number;
  readonly concurrency: number;
}

export interface FaultWindow {
  /** When the fault was injected (ms since epoch). */
  readonly injectedAt: number;
  /** When the infrastructure was whole again (broker restarted and serving, or the fault lifted). */
  readonly healedAt: number;
}

export interface DepositRun {
  readonly load: LoadResult;
  readonly window: FaultWindow;
  readonly audit: AuditResult;
  /** Attempts started while the fault was in place. */
  readonly duringFault: readonly Attempt[];
  /** From the fault until the first attempt begun after it was acknowledged (ms). */
  readonly recoveryMs: number | null;
  /** How long the read models took to catch up once the load ended (ms). */
  readonly settleMs: number;
}

/**
 * Deposits `load.commands` times over `load.accounts` accounts, each with its own Idempotency-Key;
 * once `faultAfter` of them were acknowledged, runs `inject` while the load goes on. Clients retry
 * every 503 with the same key until it is acknowledged. Then waits for the read models and audits.
 */
export async function depositsUnderFault(
  system: AccountSystem,
  load: DepositLoad,
  options: { faultAfter: number; inject: () => Promise<FaultWindow> },
): Promise<DepositRun> {
  const run = randomBytes(3).toString('hex');
  const commands = Array.from({ length: load.commands }, (_, index) => ({
    key: `deposit-${run}-${index}`,
    customerId: `acct-${run}-${index % load.accounts}`,
    amount: 1 + (index % 9),
  }));
  const running = startLoad({
    commands,
    concurrency: load.concurrency,
    send: (command) => system.deposit(command.customerId, command.amount, command.key),
  });
  await running.whenAcknowledged(Math.floor(load.commands * options.faultAfter));
  const window = await options.inject().catch(async (error: unknown) => {
    await running.stop();
    throw error;
  });
  const result = await running.done;
  const settleStarted = Date.now();
  await system.settle();
  const settleMs = Date.now() - settleStarted;
  const acknowledged = new Map(
    [...result.acknowledged.keys()].map((index) => [commands[index]!.key, commands[index]!.customerId]),
  );
  const audit = await auditAccounts(system, acknowledged);
  return {
    load: result,
    window,
    audit,
    duringFault: attemptsBetween(result.attempts, window.injectedAt, window.healedAt),
    recoveryMs: recoveryMs(result.attempts, window.injectedAt),
    settleMs,
  };
}

function recoveryMs(attempts: readonly Attempt[], injectedAt: number): number | null {
  const answeredAt = attempts
    .filter((a) => a.startedAt > injectedAt && a.status >= 200 && a.status < 300)
    .map((a) => a.startedAt + a.latencyMs);
  return answeredAt.length === 0 ? null : Math.min(...answeredAt) - injectedAt;
}

/** A one-line account of a run for the console and the report's notes. */
export function describeRun(run: DepositRun): string {
  const { audit, load, duringFault } = run;
  return [
    `${load.acknowledged.size} acknowledged, ${load.failed.size} failed, ${load.attempts.length} attempts`,
    `statuses ${JSON.stringify(statusCounts(load.attempts))}`,
    ...(duringFault.length === 0
      ? []
      : [
          `while the broker was down ${duringFault.length} attempts ${JSON.stringify(statusCounts(duringFault))}, ` +
            `slowest ${maxLatencyMs(duringFault)} ms`,
        ]),
    `slowest overall ${maxLatencyMs(load.attempts)} ms`,
    `log: ${audit.events} events over ${audit.aggregates} aggregates, ${audit.republishedCopies} republished copies`,
    `read models caught up ${run.settleMs} ms after the load`,
  ].join('; ');
}
