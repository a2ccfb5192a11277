import { startRuntime, type LocalRuntime } from '../../infra/local/runtime/startRuntime';
import { localNames } from '../../infra/local/runtime/localNames';
import { functions } from '../../infra/topology';
import { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import { DynamoSnapshotStore } from '../../lib/snapshots/dynamoSnapshotStore';
import { Recorder, type Scenario } from '../scenario';
import { nowMs, percentile } from '../stats';
import { cpuBetween, cpuProbe } from '../support/cpu';
import { FreshnessProbe } from '../support/freshnessProbe';
import { atRate } from '../support/load';
import { b4Notes } from './b4Notes';

/** The rate first, then half of it: the second shows freshness when commands are not queueing. */
const RATES = [100, 50] as const;
const RUN_SECONDS = 10;
const WARM_UP_SECONDS = 4;
const SKUS = 100;

const window = functions.find((f) => f.name === 'projectInventory')!.msk!.maximumBatchingWindow;

/** Restocks at `rate`/s for `seconds`, then waits until every acknowledged one is readable. */
async function atRateOnce(runtime: LocalRuntime, probe: FreshnessProbe, rate: number, seconds: number) {
  const acks: number[] = [];
  const statuses = new Map<number, number>();
  probe.delays.length = 0;
  const sample = cpuProbe();
  const before = sample();
  const started = nowMs();
  await atRate(rate, rate * seconds, async (i) => {
    const sku = `sku-${i % SKUS}`;
    const sent = nowMs();
    const response = await fetch(`${runtime.url}/inventory/${sku}/restocks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ quantity: 1 }),
    });
    const body = (await response.json()) as { version?: number };
    const ackedAt = nowMs();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status !== 200 || body.version === undefined) return;
    acks.push(ackedAt - sent);
    probe.expect(sku, body.version, ackedAt);
  });
  const cpu = cpuBetween(before, sample(), Math.max(1, acks.length));
  const completed = acks.length / ((nowMs() - started) / 1000);
  const deadline = nowMs() + 10_000;
  while (probe.pending > 0 && nowMs() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return { acks, statuses, completed, cpu, delays: [...probe.delays], unseen: probe.pending };
}

type RunResult = Awaited<ReturnType<typeof atRateOnce>>;

function record(recorder: Recorder, rate: number, r: RunResult) {
  const at = `at ${rate}/s`;
  recorder.record(
    `fresh${rate}.p50`,
    `${at}: freshness p50 (ack → readable)`,
    'ms',
    percentile(r.delays, 50),
  );
  recorder.record(`fresh${rate}.p99`, `${at}: freshness p99`, 'ms', percentile(r.delays, 99));
  recorder.record(`fresh${rate}.max`, `${at}: freshness max`, 'ms', Math.max(...r.delays));
  recorder.record(`ack${rate}.p50`, `${at}: command latency p50 (HTTP)`, 'ms', percentile(r.acks, 50));
  recorder.record(`ack${rate}.p99`, `${at}: command latency p99 (HTTP)`, 'ms', percentile(r.acks, 99));
  recorder.record(`ok${rate}`, `${at}: acknowledged commands/s`, 'cmd/s', r.completed);
  recorder.record(
    `failed${rate}`,
    `${at}: failed commands (non-200)`,
    '%',
    (100 * (rate * RUN_SECONDS - r.acks.length)) / (rate * RUN_SECONDS),
  );
  recorder.record(`unseen${rate}`, `${at}: acknowledged, never readable (10 s)`, 'commands', r.unseen);
  recorder.record(
    `cpu${rate}`,
    `${at}: bench process CPU per acknowledged command`,
    'ms',
    r.cpu.perUnit.bench,
  );
  recorder.record(`busy${rate}`, `${at}: machine CPU busy (all tenants)`, '%', r.cpu.machineBusy * 100);
}

interface RunParts {
  runtime: LocalRuntime;
  probe: FreshnessProbe;
  recorder: Recorder;
  log: (line: string) => void;
  kafkajs: { concurrentTransactions: number };
}

async function rateRun(parts: RunParts, rate: number, run: number) {
  const retriesBefore = parts.kafkajs.concurrentTransactions;
  const seconds = run === 0 ? WARM_UP_SECONDS : RUN_SECONDS;
  const result = await atRateOnce(parts.runtime, parts.probe, rate, seconds);
  const retries = parts.kafkajs.concurrentTransactions - retriesBefore;
  const statuses = JSON.stringify(Object.fromEntries(result.statuses));
  parts.log(
    `  ${rate}/s: freshness p99 ${percentile(result.delays, 99).toFixed(0)} ms, command p50 ${percentile(result.acks, 50).toFixed(0)} ms, statuses ${statuses}`,
  );
  if (run === 0) return;
  record(parts.recorder, rate, result);
  const label = `at ${rate}/s: transactions retried on CONCURRENT_TRANSACTIONS, per 100 commands`;
  parts.recorder.record(
    `concurrent${rate}`,
    label,
    'retries',
    (100 * retries) / Math.max(1, result.acks.length),
  );
}

/**
 * The handlers log a JSON line per batch, and kafkajs logs its retried errors, to the console; the
 * bench output keeps only its own lines, counting kafkajs's CONCURRENT_TRANSACTIONS retries (a
 * transaction begun on a producer whose previous commit the coordinator is still completing).
 */
function quietHandlers(counts: { concurrentTransactions: number }): () => void {
  const { log, error } = console;
  const filter =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      const line = args[0];
      if (typeof line !== 'string' || !line.startsWith('{"level"')) return original(...args);
      // kafkajs logs each failed request once from [Connection] (and again from [Producer]).
      if (
        line.includes('[Connection]') &&
        line.includes('another concurrent operation on the same transaction')
      )
        counts.concurrentTransactions += 1;
    };
  console.log = filter(log);
  console.error = filter(error);
  return () => {
    console.log = log;
    console.error = error;
  };
}

export const b4Freshness: Scenario = {
  id: 'B4',
  title: 'Freshness: command acknowledged → snapshot readable, through the HTTP API',
  defaultRuns: 3,
  async run(context) {
    const kafkajs = { concurrentTransactions: 0 };
    const restore = quietHandlers(kafkajs);
    const prefix = `bench-${context.runId}-b4`;
    const runtime = await startRuntime({
      kafkaBrokers: context.kafkaBrokers,
      dynamoEndpoint: context.dynamoEndpoint,
      namePrefix: prefix,
      log: () => undefined,
    });
    const client = createDynamoClient({ AWS_REGION: 'eu-west-1', DYNAMODB_ENDPOINT: context.dynamoEndpoint });
    const probe = new FreshnessProbe(
      new DynamoSnapshotStore<object>({ client, tableName: localNames(prefix).table('inventoryViews') }),
    );
    probe.start();
    const recorder = new Recorder();
    try {
      for (let run = 0; run <= context.runs; run += 1) {
        context.log(run === 0 ? 'warm-up' : `run ${run}/${context.runs}`);
        for (const rate of RATES)
          await rateRun({ runtime, probe, recorder, log: context.log, kafkajs }, rate, run);
      }
    } finally {
      await probe.stop();
      client.destroy();
      await runtime.stop();
      restore();
    }
    const metrics = recorder.list();
    const limit = window * 1000 + 150;
    return {
      settings: {
        'offered rates': RATES.map((r) => `${r}/s`).join(', '),
        'seconds per rate per run': RUN_SECONDS,
        skus: SKUS,
        'batching window': `${window} s (topology)`,
        'probe poll': `${probe.pollMs} ms, consistent BatchGetItem`,
        'producer pool (local runtime)': 4,
      },
      metrics,
      targets: [
        {
          label: `at 100/s: freshness p99 ≤ window + 150 ms (${limit} ms)`,
          metric: 'fresh100.p99',
          op: '<=',
          limit,
        },
        {
          label: `at 50/s: freshness p99 ≤ window + 150 ms (${limit} ms)`,
          metric: 'fresh50.p99',
          op: '<=',
          limit,
        },
        { label: 'at 100/s: every command acknowledged', metric: 'failed100', op: '=', limit: 0 },
        { label: 'no acknowledged command left unreadable', metric: 'unseen100', op: '=', limit: 0 },
      ],
      notes: b4Notes(metrics, window),
    };
  },
};
