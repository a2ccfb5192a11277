import { ErrorKind, isAppError } from '../../lib/errors/appError';
import { Recorder, medianOf, type DetailTable, type Scenario, type ScenarioContext } from '../scenario';
import { formatNumber as f } from '../report';
import { nowMs, percentile } from '../stats';
import { deleteTopics } from '../support/kafka';
import { b9Model, b9Notes } from './b9Notes';
import { B9_BATCH, orderBatch, setUpReservations, type Reservations } from './b9Setup';

export const B9_CALLERS = [1, 8, 32] as const;
const SINGLE_TOTAL = 320;
const GROUPED_MIN_TOTAL = 480;

type Mode = 'single' | 'grouped';
type Target = 'hot' | 'distinct';
const MODES: readonly Mode[] = ['single', 'grouped'];
const TARGETS: readonly Target[] = ['hot', 'distinct'];
const MODE_LABEL: Record<Mode, string> = { single: 'one per command', grouped: 'grouped by the reactor' };
const TARGET_LABEL: Record<Target, string> = { hot: 'one sku', distinct: 'distinct skus' };

interface Outcome {
  readonly reservations: number;
  /** Commands (one at a time) or reactor batches (grouped) that lost 30 races in a row: 503, or a retried batch. */
  readonly gaveUp: number;
  readonly seconds: number;
  readonly latencies: number[];
  readonly writes: number;
  readonly refused: number;
  readonly headUnits: number;
  readonly headBytes: number;
}

function giveUp(error: unknown): false {
  if (isAppError(error, ErrorKind.Unavailable)) return false;
  throw error;
}

/** Restocks every sku the configuration will reserve, in parallel (appends share transactions). */
async function restockAll(path: Reservations, skus: readonly string[]) {
  let next = 0;
  const worker = async () => {
    while (next < skus.length) await path.restock(skus[next++]!);
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** One configuration: `callers` loops reserving `total` units, one per order, then checks them. */
async function measure(
  path: Reservations,
  mode: Mode,
  target: Target,
  callers: number,
  tag: string,
): Promise<Outcome> {
  const total = mode === 'single' ? SINGLE_TOTAL : Math.max(GROUPED_MIN_TOTAL, callers * 2 * B9_BATCH);
  const hotSku = `hot-${tag}`;
  const orderIds = Array.from({ length: total }, (_, i) => `o-${tag}-${i}`);
  const skuOf = (orderId: string) => (target === 'hot' ? hotSku : `sku-${orderId}`);
  await restockAll(path, target === 'hot' ? [hotSku] : orderIds.map(skuOf));
  const perCaller = Array.from({ length: callers }, (_, c) => orderIds.filter((_, i) => i % callers === c));
  const latencies: number[] = [];
  let gaveUp = 0;
  path.meter.reset();
  const before = { ...path.contention };
  const started = nowMs();
  await Promise.all(
    perCaller.map(async (mine, c) => {
      if (mode === 'single') {
        const reserve = path.singleCaller(`${tag}-${c}`);
        for (const orderId of mine) {
          const t = nowMs();
          // 30 lost races answer 503 ("too contended"): the caller retries, as a client would.
          while (!(await reserve(skuOf(orderId), orderId).then(() => true, giveUp))) gaveUp += 1;
          latencies.push(nowMs() - t);
        }
        return;
      }
      const react = path.reactorCaller(`${tag}-${c}`, latencies);
      for (let from = 0; from < mine.length; from += B9_BATCH) {
        const batch = orderBatch(c, mine.slice(from, from + B9_BATCH), skuOf);
        // A batch whose group lost 30 races fails and is delivered again, as the mapping would.
        while (
          !(await react(batch).then(
            () => true,
            () => false,
          ))
        )
          gaveUp += 1;
      }
    }),
  );
  const seconds = (nowMs() - started) / 1000;
  await verify(path, target, hotSku, orderIds, skuOf);
  const hotKey = `${path.tables.heads}/${hotSku}`;
  return {
    reservations: total,
    gaveUp,
    seconds,
    latencies,
    writes: path.contention.writes - before.writes,
    refused: path.contention.refused - before.refused,
    headUnits: path.meter.unitsByKey.get(hotKey) ?? 0,
    headBytes: path.meter.largestByTable.get(path.tables.heads) ?? 0,
  };
}

/** Nothing oversold, nothing reserved twice: the head's count and one entity per order. */
async function verify(
  path: Reservations,
  target: Target,
  hotSku: string,
  orderIds: readonly string[],
  skuOf: (orderId: string) => string,
) {
  const skus = target === 'hot' ? [hotSku] : orderIds.map(skuOf);
  const reserved = await Promise.all(
    skus.map(async (sku) => (await path.heads.read(sku))?.state.reserved ?? 0),
  );
  const counted = reserved.reduce((sum, n) => sum + n, 0);
  if (counted !== orderIds.length) {
    throw new Error(`${orderIds.length} orders reserved ${counted} units: a reservation was lost or doubled`);
  }
}

function record(recorder: Recorder, mode: Mode, target: Target, callers: number, outcome: Outcome) {
  const key = `${mode}.${target}.${callers}`;
  const label = `${MODE_LABEL[mode]}, ${TARGET_LABEL[target]}, ${callers} caller${callers > 1 ? 's' : ''}`;
  const commands = outcome.writes - outcome.refused;
  recorder.record(`${key}.rate`, `${label}: reservations/s`, '1/s', outcome.reservations / outcome.seconds);
  recorder.record(
    `${key}.retries`,
    `${label}: retries per command`,
    '',
    outcome.refused / Math.max(1, commands),
  );
  recorder.record(
    `${key}.gaveUp`,
    `${label}: 503 "too contended" per reservation`,
    '',
    outcome.gaveUp / outcome.reservations,
  );
  recorder.record(`${key}.p50`, `${label}: latency p50`, 'ms', percentile(outcome.latencies, 50));
  recorder.record(`${key}.p99`, `${label}: latency p99`, 'ms', percentile(outcome.latencies, 99));
  if (target !== 'hot') return;
  recorder.record(
    `${key}.perWrite`,
    `${label}: reservations per head write`,
    '',
    outcome.reservations / Math.max(1, commands),
  );
  recorder.record(
    `${key}.headWcu`,
    `${label}: head WCU per reservation`,
    'WCU',
    outcome.headUnits / outcome.reservations,
  );
  recorder.record(`${key}.headBytes`, `${label}: largest head item`, 'bytes', outcome.headBytes);
}

function grid(recorder: Recorder): DetailTable {
  const metrics = recorder.list();
  const median = (key: string) => medianOf(metrics, key);
  const rows = MODES.flatMap((mode) =>
    TARGETS.flatMap((target) =>
      B9_CALLERS.map((n) => {
        const key = `${mode}.${target}.${n}`;
        return [
          MODE_LABEL[mode],
          TARGET_LABEL[target],
          String(n),
          ...['rate', 'retries', 'p50', 'p99'].map((m) => f(median(`${key}.${m}`))),
        ];
      }),
    ),
  );
  return {
    title: 'Reservations by mode, target and callers (medians)',
    columns: [
      'mode',
      'target',
      'callers',
      'reservations/s',
      'retries/command',
      '503/reservation',
      'p50 ms',
      'p99 ms',
    ],
    rows,
  };
}

/** Every mode × target × callers (the warm-up: 8 callers only). */
function configurations(measured: boolean): [Mode, Target, number][] {
  const callers = measured ? B9_CALLERS : [8];
  return MODES.flatMap((mode) =>
    TARGETS.flatMap((target) => callers.map((n): [Mode, Target, number] => [mode, target, n])),
  );
}

async function runOnce(path: Reservations, context: ScenarioContext, recorder: Recorder, run: number) {
  const measured = run > 0;
  context.log(`B9 ${measured ? `run ${run}/${context.runs}` : 'warm-up'}`);
  for (const [mode, target, callers] of configurations(measured)) {
    const outcome = await measure(path, mode, target, callers, `r${run}-${mode}-${target}-${callers}`);
    if (measured) record(recorder, mode, target, callers, outcome);
  }
}

export const b9HotSku: Scenario = {
  id: 'B9',
  title: 'Hot aggregate: concurrent reservations of one sku',
  defaultRuns: 2,
  async run(context: ScenarioContext) {
    const path = await setUpReservations(context);
    const recorder = new Recorder();
    try {
      for (let run = 0; run <= context.runs; run += 1) await runOnce(path, context, recorder, run);
    } finally {
      await path.close();
      await deleteTopics(path.kafka, [path.topic]);
    }
    const metrics = b9Model(recorder);
    return {
      settings: {
        'callers (execution environments, one producer each)': B9_CALLERS.join(', '),
        'orders per reactor invocation': B9_BATCH,
        'reservations per configuration': `${SINGLE_TOTAL} one per command; ≥ ${GROUPED_MIN_TOTAL} grouped`,
        aggregate: 'inventory (Reserve 1 unit per order), heads and entities in dynalite',
      },
      metrics,
      targets: [
        {
          label: 'one sku on AWS, modeled from this run: ≥ 500 reservations/s',
          metric: 'aws.rate',
          op: '>=',
          limit: 500,
        },
        {
          label: 'grouped, one sku, 8 callers: largest head ≤ 8 KB',
          metric: 'grouped.hot.8.headBytes',
          op: '<=',
          limit: 8192,
        },
      ],
      notes: b9Notes(metrics),
      tables: [grid(recorder)],
    };
  },
};
