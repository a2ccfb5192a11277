import type { AuditResult } from './accountAudit';
import type { DepositRun } from './depositsUnderFault';

/**
 * "Fails fast": no attempt may take longer than this while the broker is down. A command function
 * runs for at most 10 s (infra/topology.ts), so anything near that is a hang, not an answer.
 */
export const HANG_LIMIT_MS = 5000;

/** Every command acknowledged; the audit finds nothing lost, duplicated, out of order or unprojected. */
export function expectNothingLost(run: DepositRun, commands: number): void {
  const { audit } = run;
  expect({
    acknowledged: run.load.acknowledged.size,
    failed: [...run.load.failed.values()].slice(0, 5),
    lost: audit.lost.slice(0, 5),
    duplicated: audit.duplicated.slice(0, 5),
    unacknowledged: audit.unacknowledged.slice(0, 5),
    brokenLogs: audit.brokenLogs.slice(0, 5),
    snapshotMismatches: audit.snapshotMismatches.slice(0, 5),
  }).toEqual({
    acknowledged: commands,
    failed: [],
    lost: [],
    duplicated: [],
    unacknowledged: [],
    brokenLogs: [],
    snapshotMismatches: [],
  });
  expect(audit.events).toBe(commands);
}

/** The audit of the committed log and the read models finds nothing lost, doubled, out of order or stale. */
export function expectAuditClean(audit: AuditResult): void {
  expect({
    lost: audit.lost,
    duplicated: audit.duplicated,
    broken: audit.brokenLogs,
    snapshots: audit.snapshotMismatches,
  }).toEqual({
    lost: [],
    duplicated: [],
    broken: [],
    snapshots: [],
  });
}

/** Prints a scenario's counts past the console capture of the running system (see accountSystem). */
export function report(line: string): void {
  process.stdout.write(`\n${line}\n`);
}
