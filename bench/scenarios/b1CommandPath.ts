import os from 'node:os';
import { cpuBetween, cpuProbe } from '../support/cpu';
import { Recorder, type Scenario, type ScenarioContext } from '../scenario';
import { percentile } from '../stats';
import { sequential, throughput } from '../support/load';
import { deleteTopics } from '../support/kafka';
import { setUpCastorePeer, type CastorePeer } from '../support/castorePeer';
import { appendAnatomy } from './b1Anatomy';
import { CASTORE, castoreTarget, recordCastoreCost, recordCastoreRatio } from './b1Castore';
import { recordCopies } from './b1Copies';
import { recordCost } from './b1Cost';
import { b1Notes } from './b1Notes';
import { compareClients } from './b1Clients';
import { clientsNotes } from './b1ClientsNotes';
import { setUpCommandPath, type CommandPath } from './b1Setup';

const LATENCY_OPS = 120;
const BLOCK = 20;
const SINGLE_CALLER_OPS = 100;
const CALLERS = 8;
const PER_CALLER_OPS = 40;

type Variant = 'transactional' | 'idempotent' | 'raw' | typeof CASTORE;
const VARIANTS: readonly Variant[] = ['transactional', 'idempotent', 'raw', CASTORE];
/** Our command path, and Castore's event store as a peer on the same dynalite. */
type Paths = CommandPath & { castore: CastorePeer };

/** One operation of a variant on aggregate `id` (each variant has its own aggregates). */
function operationOf(path: Paths, variant: Variant) {
  if (variant === 'raw') return (id: string) => path.rawSend(id);
  if (variant === CASTORE) return (id: string) => path.castore.restock(id);
  const handle = path.handlers[variant];
  return (id: string) => path.restock(handle, id);
}

/**
 * Latency: the variants take turns in blocks of {@link BLOCK} back-to-back operations (back to back
 * matters: a transaction started right after a commit can meet CONCURRENT_TRANSACTIONS), so noise
 * on the shared machine spreads over every variant alike, the Castore peer included.
 */
async function latencies(path: Paths, run: string): Promise<Record<Variant, number[]>> {
  const samples: Record<Variant, number[]> = { transactional: [], idempotent: [], raw: [], castore: [] };
  for (let from = 0; from < LATENCY_OPS; from += BLOCK) {
    for (const variant of VARIANTS) {
      const operation = operationOf(path, variant);
      const block = await sequential(from, from + BLOCK, (i) => operation(`${variant}-${run}-${i % 30}`));
      samples[variant].push(...block);
    }
  }
  return samples;
}

/** Where a transactional command's time goes: mean ms per step over sequential commands. */
async function breakdown(path: CommandPath, run: string, recorder: Recorder, measured: boolean) {
  path.meter.reset();
  path.appendTime.ms = 0;
  path.appendTime.calls = 0;
  const count = 40;
  await sequential(0, count, (i) => path.restock(path.handlers.transactional, `steps-${run}-${i % 10}`));
  if (!measured) return;
  const mean = (operation: string) => (path.meter.byOperation.get(operation)?.ms ?? 0) / count;
  recorder.record('step.get', 'step: GetItem head (consistent)', 'ms', mean('GetItem'));
  recorder.record('step.put', 'step: PutItem head (conditional)', 'ms', mean('PutItem'));
  recorder.record('step.append', 'step: Kafka transaction (append)', 'ms', path.appendTime.ms / count);
  recorder.record('step.clear', 'step: UpdateItem clear pending', 'ms', mean('UpdateItem'));
}

async function throughputs(path: CommandPath, run: string, recorder: Recorder, measured: boolean) {
  const { restock, handlers } = path;
  const sample = cpuProbe();
  const before1 = sample();
  const one = await throughput(1, SINGLE_CALLER_OPS, (_, i) =>
    restock(handlers.transactional, `t1-${run}-${i % 10}`),
  );
  const cpu1 = cpuBetween(before1, sample(), SINGLE_CALLER_OPS);
  const before8 = sample();
  const many = await throughput(CALLERS, PER_CALLER_OPS, (c, i) =>
    restock(handlers.transactional, `t8-${run}-${c}-${i % 5}`),
  );
  const cpu8 = cpuBetween(before8, sample(), CALLERS * PER_CALLER_OPS);
  const pool1 = await throughput(CALLERS, PER_CALLER_OPS, (c, i) =>
    restock(handlers.transactionalPool1, `p1-${run}-${c}-${i % 5}`),
  );
  const idem = await throughput(CALLERS, PER_CALLER_OPS, (c, i) =>
    restock(handlers.idempotent, `i8-${run}-${c}-${i % 5}`),
  );
  if (!measured) return;
  recorder.record('thr.1', 'throughput, 1 caller (transactional)', 'cmd/s', one.perSecond);
  recorder.record('thr.8', `throughput, ${CALLERS} callers, poolSize ${CALLERS}`, 'cmd/s', many.perSecond);
  recorder.record('thr.8pool1', `throughput, ${CALLERS} callers, poolSize 1`, 'cmd/s', pool1.perSecond);
  recorder.record('thr.8idem', `throughput, ${CALLERS} callers, idempotent`, 'cmd/s', idem.perSecond);
  recorder.record(
    'thr.ratio',
    `throughput ${CALLERS} callers / 1 caller`,
    '×',
    many.perSecond / one.perSecond,
  );
  recorder.record('thr.8.p50', `latency p50 under ${CALLERS} callers`, 'ms', percentile(many.latencies, 50));
  const cpuMs = (cpu: typeof cpu1) => cpu.perUnit.bench + cpu.perUnit.dynalite + (cpu.perUnit.broker || 0);
  recorder.record('cpu.1', 'CPU per command, 1 caller (bench+dynalite+broker)', 'ms', cpuMs(cpu1));
  recorder.record('cpu.8', `CPU per command, ${CALLERS} callers`, 'ms', cpuMs(cpu8));
  recorder.record('cpu.busy8', `machine CPU busy, ${CALLERS} callers`, '%', cpu8.machineBusy * 100);
  recorder.record(
    'cpu.ceiling',
    'CPU-bound ceiling / 1-caller throughput',
    '×',
    (os.cpus().length * 1000) / cpuMs(cpu8) / one.perSecond,
  );
}

function recordLatencies(samples: Record<Variant, number[]>, recorder: Recorder) {
  for (const variant of VARIANTS) {
    recorder.record(`${variant}.p50`, `${variant} p50`, 'ms', percentile(samples[variant], 50));
    recorder.record(`${variant}.p99`, `${variant} p99`, 'ms', percentile(samples[variant], 99));
  }
  const ratios: [key: string, of: Variant, to: Variant, percent: 50 | 99][] = [
    ['ratio.txRaw', 'transactional', 'raw', 50],
    ['ratio.txIdem', 'transactional', 'idempotent', 50],
    ['ratio.txRaw99', 'transactional', 'raw', 99],
    ['ratio.txIdem99', 'transactional', 'idempotent', 99],
    ['ratio.idemRaw', 'idempotent', 'raw', 50],
  ];
  for (const [key, of, to, percent] of ratios) {
    const ratio = percentile(samples[of], percent) / percentile(samples[to], percent);
    recorder.record(key, `${of} / ${to === 'raw' ? 'raw send' : to}, p${percent}`, '×', ratio);
  }
  recordCastoreRatio(samples.transactional, samples.castore, recorder);
}

export const b1CommandPath: Scenario = {
  id: 'B1',
  title: 'Command path: transactional vs idempotent vs raw send, Castore as a peer',
  defaultRuns: 5,
  async run(context: ScenarioContext) {
    const path: Paths = { ...(await setUpCommandPath(context)), castore: await setUpCastorePeer(context) };
    const recorder = new Recorder();
    try {
      for (let run = 0; run <= context.runs; run += 1) {
        const measured = run > 0;
        context.log(`B1 ${measured ? `run ${run}/${context.runs}` : 'warm-up'}`);
        const samples = await latencies(path, `r${run}`);
        if (measured) recordLatencies(samples, recorder);
        await breakdown(path, `r${run}`, recorder, measured);
        await throughputs(path, `r${run}`, recorder, measured);
        if (measured) await appendAnatomy(path.kafka, path.topic, recorder);
        if (measured) await compareClients(path.kafka, context.kafkaBrokers, path.topic, recorder);
        if (measured) await recordCopies(path, `r${run}`, recorder);
      }
      await recordCost(path, recorder);
      await recordCastoreCost(path.castore, 'cost', recorder);
    } finally {
      path.castore.close();
      await path.close();
      await deleteTopics(path.kafka, [path.topic]);
    }
    const metrics = recorder.list();
    return {
      settings: {
        'latency samples per variant per run': LATENCY_OPS,
        'block of back-to-back operations': BLOCK,
        'concurrent callers': CALLERS,
        'commands per caller': PER_CALLER_OPS,
        'topic partitions': 6,
        'copies: restocks of one sku by 1 and by 8 writers': 400,
        aggregate: 'inventory (Restock), heads in dynalite',
        peer: 'Castore 2 (@castore/core, DynamoDB single-table adapter), same dynalite',
      },
      metrics,
      targets: [
        { label: 'transactional p50 ≤ 3 × raw send', metric: 'ratio.txRaw', op: '<=', limit: 3 },
        { label: 'transactional p50 ≤ 1.5 × idempotent', metric: 'ratio.txIdem', op: '<=', limit: 1.5 },
        castoreTarget,
        {
          label: `${CALLERS} callers ≥ 3 × one caller's throughput`,
          metric: 'thr.ratio',
          op: '>=',
          limit: 3,
        },
      ],
      notes: [...b1Notes(metrics), ...clientsNotes(metrics)],
    };
  },
};
