import { DEFAULT_PENDING_SHARDS, HeadKeys } from '../../lib/heads/dynamoHeadStore';
import type { Recorder } from '../scenario';
import { sequential } from '../support/load';
import type { CommandPath } from './b1Setup';

const COMMANDS = 20;
const HISTORY = 110;
// An index partition, like a table's, takes about 1,000 WCU/s (AWS-NOTES.md, bp-partition-key-design).
const PARTITION_WCU_PER_S = 1_000;

type Handle = CommandPath['handlers']['transactional'];
type Run = (handle: Handle, id: string) => Promise<unknown>;

interface Case {
  readonly key: string;
  readonly label: string;
  readonly ids: (i: number) => string;
  readonly idempotencyKey: boolean;
}

/**
 * Capacity units per command, every table and index counted (capacityModel.ts): the heads table,
 * its recovery index `pending-by-shard` (each command puts the head's keys into it and takes them
 * out again) and,
 * with an Idempotency-Key, the key's item (put before the command, response stored after it).
 */
export async function recordCost(path: CommandPath, recorder: Recorder): Promise<void> {
  const { transactional, remember20 } = path.handlers;
  const plain: Run = (handle, id) => path.restock(handle, id);
  const keyed: Run = (handle, id) => path.restockWithKey(handle, id);
  await sequential(0, HISTORY, () => path.restock(transactional, 'cost-steady'));
  await sequential(0, HISTORY, () => path.restock(remember20, 'cost-steady20'));
  const cases: Case[] = [
    { key: 'fresh', label: 'new aggregate', ids: (i) => `cost-fresh-${i}`, idempotencyKey: false },
    {
      key: 'freshKey',
      label: 'new aggregate, Idempotency-Key',
      ids: (i) => `cost-fk-${i}`,
      idempotencyKey: true,
    },
    { key: 'steady', label: 'head remembering 32 commands', ids: () => 'cost-steady', idempotencyKey: false },
    {
      key: 'steadyKey',
      label: 'head remembering 32 commands, Idempotency-Key',
      ids: () => 'cost-steady',
      idempotencyKey: true,
    },
  ];
  for (const c of cases) {
    path.meter.reset();
    await sequential(0, COMMANDS, (i) => (c.idempotencyKey ? keyed : plain)(transactional, c.ids(i)));
    recordCase(path, recorder, c);
  }
  recorder.record(
    'cost.headBytes',
    'head item size, 32 remembered commands',
    'bytes',
    headBytes(path, 'cost-steady'),
  );
  await recordFirstDesign(path, recorder);
  path.meter.reset();
  await sequential(0, COMMANDS, () => plain(remember20, 'cost-steady20'));
  const per = (units: number) => units / COMMANDS;
  recorder.record(
    'cost.steady20W',
    'write units / command, rememberedCommands: 20',
    'WCU',
    per(path.meter.total('writeUnits')),
  );
  recorder.record(
    'cost.head20Bytes',
    'head item size, 20 remembered commands',
    'bytes',
    headBytes(path, 'cost-steady20'),
  );
}

function recordCase(path: CommandPath, recorder: Recorder, c: Case): void {
  const { meter, headsTable, idempotencyTable } = path;
  const per = (units: number | undefined) => (units ?? 0) / COMMANDS;
  const index = `${headsTable}/${HeadKeys.pendingIndex}`;
  const busiest = Math.max(
    0,
    ...[...meter.unitsByIndexPartition]
      .filter(([key]) => key.startsWith(`${index}/`))
      .map(([, units]) => units),
  );
  const w = `cost.${c.key}`;
  recorder.record(
    `${w}W`,
    `write units / command, ${c.label} (every table and index)`,
    'WCU',
    per(meter.total('writeUnits')),
  );
  recorder.record(`${w}Heads`, `… heads table, ${c.label}`, 'WCU', per(meter.unitsByTable.get(headsTable)));
  recorder.record(`${w}Index`, `… recovery index, ${c.label}`, 'WCU', per(meter.unitsByIndex.get(index)));
  if (c.idempotencyKey) {
    recorder.record(
      `${w}Idem`,
      `… idempotency table, ${c.label}`,
      'WCU',
      per(meter.unitsByTable.get(idempotencyTable)),
    );
  }
  recorder.record(`${w}R`, `read units / command, ${c.label}`, 'RCU', per(meter.total('readUnits')));
  if (c.key !== 'steady') return;
  recorder.record(
    'cost.indexEntry',
    'largest recovery index entry (keys + 100 bytes)',
    'bytes',
    meter.largestIndexEntry.get(index) ?? 0,
  );
  // One aggregate's entries land on one shard; different aggregates on all of them.
  recorder.record('cost.hotIndexW', 'write units / command on its recovery index shard', 'WCU', per(busiest));
  recorder.record(
    'cost.hotIndexCeiling',
    `commands/s the recovery index takes (${DEFAULT_PENDING_SHARDS} shards × 1,000 WCU/s)`,
    'cmd/s',
    (DEFAULT_PENDING_SHARDS * PARTITION_WCU_PER_S) / per(busiest),
  );
}

const headBytes = (path: CommandPath, id: string) => path.meter.itemSizeOf(path.headsTable, id);

/**
 * The first design in the same run (bench/support/firstDesignHeads.ts): one `pending` index key
 * projecting ALL, commands as JSON, step h clearing only. New and steady-state aggregates.
 */
async function recordFirstDesign(path: CommandPath, recorder: Recorder): Promise<void> {
  const { firstDesign } = path.handlers;
  await sequential(0, HISTORY, () => path.restock(firstDesign, 'first-steady'));
  const cases = [
    { key: 'firstFreshW', label: 'first design, new aggregate', ids: (i: number) => `first-fresh-${i}` },
    { key: 'firstSteadyW', label: 'first design, head remembering 32 commands', ids: () => 'first-steady' },
  ];
  for (const c of cases) {
    path.meter.reset();
    await sequential(0, COMMANDS, (i) => path.restock(firstDesign, c.ids(i)));
    const units = path.meter.total('writeUnits') / COMMANDS;
    recorder.record(
      `cost.${c.key}`,
      `write units / command, ${c.label} (every table and index)`,
      'WCU',
      units,
    );
  }
  recorder.record(
    'cost.firstHeadBytes',
    'first design: head item size, 32 remembered commands',
    'bytes',
    path.meter.itemSizeOf(path.firstDesignTable, 'first-steady'),
  );
}
