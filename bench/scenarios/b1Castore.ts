import type { Recorder, Target } from '../scenario';
import { percentile } from '../stats';
import type { CastorePeer } from '../support/castorePeer';
import { sequential } from '../support/load';

/** The latency variant B1 interleaves with ours: Castore's restock on its DynamoDB event store. */
export const CASTORE = 'castore';

const COMMANDS = 20;
// As many events as b1Cost.ts gives its steady-state head: Castore reads every one of them.
const HISTORY = 110;

/** Issue 14: our transactional command (Kafka included) within 1.5× Castore's (no Kafka). */
export const castoreTarget: Target = {
  label: 'transactional p50 ≤ 1.5 × Castore (DynamoDB only, no Kafka)',
  metric: 'ratio.txCastore',
  op: '<=',
  limit: 1.5,
};

/** Our transactional p50 over Castore's, both from the same interleaved latency blocks. */
export function recordCastoreRatio(transactional: number[], castore: number[], recorder: Recorder): void {
  const ratio = percentile(transactional, 50) / percentile(castore, 50);
  recorder.record('ratio.txCastore', 'transactional / Castore, p50', '×', ratio);
}

/**
 * Castore's capacity units per restock, priced like ours (capacityModel.ts): a new aggregate (its
 * first event also enters the `initialEvents` index) and one with {@link HISTORY} events, whose
 * read is a consistent Query of all of them. Its latency there shows what folding a history costs.
 */
export async function recordCastoreCost(peer: CastorePeer, run: string, recorder: Recorder): Promise<void> {
  const steady = `castore-steady-${run}`;
  await sequential(0, HISTORY, () => peer.restock(steady));
  const per = (units: number | undefined) => (units ?? 0) / COMMANDS;
  peer.meter.reset();
  await sequential(0, COMMANDS, (i) => peer.restock(`castore-fresh-${run}-${i}`));
  recorder.record(
    'castore.freshW',
    'Castore: write units / command, new aggregate (table and index)',
    'WCU',
    per(peer.meter.total('writeUnits')),
  );
  const index = `${peer.tableName}/${peer.indexName}`;
  recorder.record(
    'castore.freshIndex',
    'Castore: … initialEvents index, new aggregate',
    'WCU',
    per(peer.meter.unitsByIndex.get(index)),
  );
  await recordCastoreSteps(peer, run, recorder);
  peer.meter.reset();
  const latencies = await sequential(0, COMMANDS, () => peer.restock(steady));
  recorder.record(
    'castore.steadyW',
    `Castore: write units / command, aggregate of ${HISTORY} events`,
    'WCU',
    per(peer.meter.total('writeUnits')),
  );
  recorder.record(
    'castore.steadyR',
    `Castore: read units / command, aggregate of ${HISTORY} events`,
    'RCU',
    per(peer.meter.total('readUnits')),
  );
  recorder.record(
    'castore.steadyP50',
    `Castore p50, aggregate of ${HISTORY} events`,
    'ms',
    percentile(latencies, 50),
  );
}

/** Where a Castore restock's time goes on a young aggregate (its second event): mean ms per request. */
async function recordCastoreSteps(peer: CastorePeer, run: string, recorder: Recorder): Promise<void> {
  peer.meter.reset();
  await sequential(0, COMMANDS, (i) => peer.restock(`castore-fresh-${run}-${i}`));
  const mean = (operation: string) => (peer.meter.byOperation.get(operation)?.ms ?? 0) / COMMANDS;
  recorder.record(
    'castore.step.query',
    'Castore step: Query of the events (consistent)',
    'ms',
    mean('Query'),
  );
  recorder.record('castore.step.put', 'Castore step: PutItem event (conditional)', 'ms', mean('PutItem'));
}
