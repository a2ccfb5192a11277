import type { EventEnvelope } from '../../../../lib/envelope/eventEnvelope';
import { paymentCatalog, type PaymentEvent } from '../../../../functions/payment/domain/paymentEvents';
import { accountView, type AccountView } from '../../../../functions/payment/projection/accountView';
import type { AccountSystem } from './accountSystem';
import { readCommittedLog, type LoggedEvent } from './committedLog';

/** What the committed log, the heads and the snapshots say about the acknowledged commands. */
export interface AuditResult {
  readonly aggregates: number;
  /** Distinct aggregate versions in the log. */
  readonly events: number;
  /** Records that repeat a version already in the log (republished pending records); harmless. */
  readonly republishedCopies: number;
  /** Acknowledged commands whose event is not in the log, or not folded into the snapshot. */
  readonly lost: string[];
  /** Acknowledged commands whose event appears at more than one version: applied twice. */
  readonly duplicated: string[];
  /** Events whose command was never acknowledged (none expected: clients retry until acknowledged). */
  readonly unacknowledged: string[];
  /** Aggregates whose versions are not 1..n, or whose copies of a version differ. */
  readonly brokenLogs: string[];
  /** Aggregates whose snapshot is not the fold of the committed log, or whose head is elsewhere. */
  readonly snapshotMismatches: string[];
}

type Envelope = EventEnvelope<PaymentEvent>;

/**
 * Checks, per aggregate: the committed log's versions are gapless; the events of versions 1..n
 * carry exactly the acknowledged commands (set equality, each once); the snapshot is at version n
 * and equals the fold of those events; the head (the decided truth) is at n too.
 *
 * @param acknowledged correlation id (= Idempotency-Key) → aggregate id, of every 2xx command.
 */
export async function auditAccounts(
  system: AccountSystem,
  acknowledged: ReadonlyMap<string, string>,
): Promise<AuditResult> {
  const log = await readCommittedLog(system.kafka, system.topic, paymentCatalog);
  const byAggregate = groupByAggregate(log);
  const ids = [...new Set([...byAggregate.keys(), ...acknowledged.values()])];
  const snapshots = await system.views.getMany(ids, { consistent: true });
  const brokenLogs: string[] = [];
  const snapshotMismatches: string[] = [];
  const versionsOf = new Map<string, { id: string; version: number }[]>();
  for (const id of ids) {
    const envelopes = firstCopies(id, byAggregate.get(id) ?? new Map<number, Envelope[]>(), brokenLogs);
    for (const { correlationId, aggregateVersion } of envelopes) {
      versionsOf.set(correlationId, [
        ...(versionsOf.get(correlationId) ?? []),
        { id, version: aggregateVersion },
      ]);
    }
    const head = await system.heads.read(id);
    const mismatch = compareSnapshot(id, envelopes, snapshots.get(id), head?.version ?? 0);
    if (mismatch) snapshotMismatches.push(mismatch);
  }
  const events = [...versionsOf.values()].reduce((sum, versions) => sum + versions.length, 0);
  const projected = (id: string, version: number) => version <= (snapshots.get(id)?.version ?? 0);
  const commands = [...acknowledged].map(([key, id]) => ({ key, id, versions: versionsOf.get(key) ?? [] }));
  return {
    aggregates: ids.length,
    events,
    republishedCopies: log.length - events,
    lost: commands
      .filter(({ id, versions }) => !versions.some((v) => v.id === id && projected(id, v.version)))
      .map(({ id, key }) => `${id}: ${key}`),
    duplicated: commands
      .filter(({ versions }) => versions.length > 1)
      .map(
        ({ id, key, versions }) =>
          `${id}: ${key} at ${versions.map((v) => `${v.id}@${v.version}`).join(',')}`,
      ),
    unacknowledged: [...versionsOf]
      .filter(([key]) => !acknowledged.has(key))
      .map(([key, versions]) => `${key} at ${versions.map((v) => `${v.id}@${v.version}`).join(',')}`),
    brokenLogs,
    snapshotMismatches,
  };
}

function groupByAggregate(log: readonly LoggedEvent<PaymentEvent>[]): Map<string, Map<number, Envelope[]>> {
  const byAggregate = new Map<string, Map<number, Envelope[]>>();
  for (const { envelope } of log) {
    const versions = byAggregate.get(envelope.aggregateId) ?? new Map<number, Envelope[]>();
    versions.set(envelope.aggregateVersion, [...(versions.get(envelope.aggregateVersion) ?? []), envelope]);
    byAggregate.set(envelope.aggregateId, versions);
  }
  return byAggregate;
}

/** The first copy of each version, in version order, noting gaps and copies that differ from the first. */
function firstCopies(id: string, versions: Map<number, Envelope[]>, broken: string[]): Envelope[] {
  const ordered = [...versions.keys()].sort((a, b) => a - b);
  if (ordered.some((version, index) => version !== index + 1))
    broken.push(`${id}: versions ${ordered.join(',')}`);
  return ordered.map((version) => {
    const [first, ...copies] = versions.get(version)!;
    if (copies.some((copy) => JSON.stringify(copy) !== JSON.stringify(first)))
      broken.push(`${id}@${version}: copies differ`);
    return first!;
  });
}

/** Undefined when the snapshot is the fold of the log's events and the head is at the same version. */
function compareSnapshot(
  id: string,
  envelopes: readonly Envelope[],
  snapshot: { version: number; doc: AccountView } | undefined,
  headVersion: number,
): string | undefined {
  const folded = envelopes.reduce<AccountView | undefined>(
    (doc, envelope) => accountView.evolve(doc, envelope),
    undefined,
  );
  const expected = JSON.stringify({ version: envelopes.length, doc: folded, head: envelopes.length });
  const actual = JSON.stringify({ version: snapshot?.version ?? 0, doc: snapshot?.doc, head: headVersion });
  return expected === actual ? undefined : `${id}: expected ${expected}, got ${actual}`;
}
