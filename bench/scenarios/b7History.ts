import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../lib/dynamodb/createTable';
import { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import { DynamoEventIndex, eventIndexTableDefinition } from '../../lib/history/dynamoEventIndex';
import { createEventHistory, type EventHistory } from '../../lib/history/eventHistory';
import { KafkaLogReader } from '../../lib/history/kafkaLogReader';
import { InMemoryHeadStore } from '../../lib/heads/inMemoryHeadStore';
import { snapshotAsOf } from '../../lib/queries/snapshotAsOf';
import { InMemorySnapshotStore } from '../../lib/snapshots/inMemorySnapshotStore';
import { verifyAggregate } from '../../lib/verify/verifyAggregate';
import { paymentDecider } from '../../functions/payment/domain/paymentDecider';
import { paymentCatalog, type PaymentEvent } from '../../functions/payment/domain/paymentEvents';
import { accountView, type AccountView } from '../../functions/payment/projection/accountView';
import { Recorder, type Scenario, type ScenarioContext } from '../scenario';
import { nowMs, percentile } from '../stats';
import { benchKafka, deleteTopics } from '../support/kafka';
import { b7Notes } from './b7Notes';
import { B7, indexLog, planLog, probeId, produceLog, type B7Log, type IndexCost } from './b7Setup';

/** Events in the whole log; `B7_EVENTS` (a multiple of 2,000) makes a quick trial of the scenario. */
const EVENTS = Number(process.env.B7_EVENTS ?? 1_000_000);
/** Reads of each kind per measured run: every probe this many times. */
const READS_PER_PROBE = 5;
/** Accounts `verify` folds besides the probes (each of about 1,000 events at full size). */
const VERIFIED_OTHERS = 30;

type History = EventHistory<PaymentEvent>;

/** One pass of history, version and instant reads over every probe, checked against the plan. */
async function measureReads(history: History, log: B7Log, phase: string, recorder?: Recorder) {
  const times = { page: [] as number[], version: [] as number[], at: [] as number[] };
  const wrong: string[] = [];
  for (let round = 0; round < READS_PER_PROBE; round += 1) {
    for (let n = 0; n < B7.probes; n += 1) {
      const id = probeId(n);
      let started = nowMs();
      const page = await history.page(id, { fromVersion: 1, limit: B7.probeEvents });
      times.page.push(nowMs() - started);
      if (page.envelopes.length !== B7.probeEvents) wrong.push(`${id}: ${page.envelopes.length} events`);
      started = nowMs();
      const last = await snapshotAsOf({ history, projection: accountView }, 'account', id, {
        version: B7.probeEvents,
      });
      times.version.push(nowMs() - started);
      if (JSON.stringify(last.doc) !== JSON.stringify(log.expected.get(id)?.doc))
        wrong.push(`${id}: version ${B7.probeEvents} folds to ${JSON.stringify(last.doc)}`);
      started = nowMs();
      const middle = await snapshotAsOf({ history, projection: accountView }, 'account', id, {
        at: log.probeMidTimes.get(id)!,
      });
      times.at.push(nowMs() - started);
      if (middle.version !== B7.probeEvents / 2)
        wrong.push(`${id}: at its 50th event's time, v${middle.version}`);
    }
  }
  if (wrong.length > 0) throw new Error(`B7 ${phase}: wrong reads: ${wrong.slice(0, 5).join('; ')}`);
  if (!recorder) return;
  const label = {
    page: 'history page of 100 events',
    version: 'state at version 100',
    at: 'state at an instant',
  };
  for (const kind of ['page', 'version', 'at'] as const) {
    recorder.record(
      `${phase}.${kind}.p50`,
      `${phase}: ${label[kind]}, p50`,
      'ms',
      percentile(times[kind], 50),
    );
    recorder.record(
      `${phase}.${kind}.p99`,
      `${phase}: ${label[kind]}, p99`,
      'ms',
      percentile(times[kind], 99),
    );
  }
}

function recordIndexCost(recorder: Recorder, phase: string, cost: IndexCost) {
  recorder.record(
    `${phase}.index.wcu`,
    `${phase}: index write units per event`,
    'WCU',
    cost.writeUnits / cost.records,
  );
  recorder.record(
    `${phase}.index.items`,
    `${phase}: index items written per event`,
    'items',
    cost.items / cost.records,
  );
  recorder.record(
    `${phase}.index.rate`,
    `${phase}: indexing rate (local)`,
    'ev/s',
    cost.records / (cost.ms / 1000),
  );
  recorder.record(`${phase}.index.largest`, `${phase}: largest index item`, 'bytes', cost.largestItemBytes);
}

/** `verify` over the probes and some other accounts: events folded from the log per second. */
async function measureVerify(history: History, log: B7Log, recorder: Recorder) {
  const views = new InMemorySnapshotStore<AccountView>();
  const ids = [
    ...Array.from({ length: B7.probes }, (_, n) => probeId(n)),
    ...[...log.expected.keys()].filter((id) => id.startsWith('acct-')).slice(0, VERIFIED_OTHERS),
  ];
  for (const id of ids) {
    const { version, doc } = log.expected.get(id)!;
    await views.put({ id, version, doc }, 0);
  }
  const sources = {
    decider: paymentDecider,
    history,
    heads: new InMemoryHeadStore(),
    projection: accountView,
    views,
  };
  let events = 0;
  let mismatches = 0;
  const started = nowMs();
  for (const id of ids) {
    const check = await verifyAggregate(sources, id);
    events += check.events;
    mismatches += check.mismatches.length;
  }
  const ms = nowMs() - started;
  recorder.record(
    'verify.rate',
    'verify: events folded from the log per second',
    'ev/s',
    events / (ms / 1000),
  );
  recorder.record('verify.events', 'verify: events checked per run', 'events', events);
  recorder.record('verify.mismatches', 'verify: mismatches', 'mismatches', mismatches);
}

interface PhaseTools {
  readonly kafka: ReturnType<typeof benchKafka>;
  readonly client: ReturnType<typeof createDynamoClient>;
  readonly table: string;
  readonly groupId: string;
  readonly history: History;
  readonly log: B7Log;
  readonly recorder: Recorder;
}

/** Grows the log by events [from, to), indexes them, then measures the reads: a warm-up and the runs. */
async function runPhase(
  context: ScenarioContext,
  tools: PhaseTools,
  phase: string,
  from: number,
  to: number,
) {
  const { kafka, client, table, groupId, history, log, recorder } = tools;
  context.log(`${phase}: producing events ${from}–${to}`);
  const produceMs = await produceLog(kafka, log, from, to);
  context.log(`${phase}: indexing ${to - from} events`);
  const cost = await indexLog(kafka, client, table, { topic: log.topic, groupId, records: to - from });
  for (let run = 0; run <= context.runs; run += 1) {
    context.log(`${phase} (${to} events): ${run === 0 ? 'warm-up' : `run ${run}/${context.runs}`}`);
    await measureReads(history, log, phase, run > 0 ? recorder : undefined);
    if (run > 0) recordIndexCost(recorder, phase, cost);
  }
  return { produceMs, indexMs: cost.ms };
}

export const b7History: Scenario = {
  id: 'B7',
  title: 'History and time travel: an aggregate read back from a log of 1,000,000 events',
  defaultRuns: 3,
  async run(context: ScenarioContext) {
    const topic = `bench-${context.runId}-b7-accounts`;
    const table = `bench-${context.runId}-b7-event-index`;
    const kafka = benchKafka(context.kafkaBrokers, 'bench-b7');
    const client = createDynamoClient({ AWS_REGION: 'eu-west-1', DYNAMODB_ENDPOINT: context.dynamoEndpoint });
    const reader = new KafkaLogReader({ kafka });
    const history = createEventHistory({
      index: new DynamoEventIndex(client, table),
      reader,
      catalog: paymentCatalog,
    });
    const log = planLog(topic, EVENTS);
    const recorder = new Recorder();
    const groupId = `${topic}-index`;
    const settings = { produceMs: 0, indexMs: 0 };
    try {
      await ensureTable(client, table, eventIndexTableDefinition);
      for (const [phase, from, to] of [
        ['small', 0, log.probeSpan],
        ['full', log.probeSpan, log.events],
      ] as const) {
        const spent = await runPhase(
          context,
          { kafka, client, table, groupId, history, log, recorder },
          phase,
          from,
          to,
        );
        settings.produceMs += spent.produceMs;
        settings.indexMs += spent.indexMs;
      }
      for (let run = 1; run <= context.runs; run += 1) await measureVerify(history, log, recorder);
    } finally {
      await reader.close();
      await client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
      client.destroy();
      await deleteTopics(kafka, [topic]);
    }
    const metrics = recorder.list();
    return {
      settings: {
        events: log.events,
        accounts: B7.accounts,
        partitions: B7.partitions,
        'probe accounts': `${B7.probes}, ${B7.probeEvents} events each, spread over the first ${log.probeSpan} events`,
        interleaving: 'round-robin: no two consecutive versions of an account in one index batch',
        'index batch size': B7.indexBatchSize,
        'reads per kind per run': B7.probes * READS_PER_PROBE,
        'produce time (s)': Math.round(settings.produceMs / 1000),
        'index time (s)': Math.round(settings.indexMs / 1000),
      },
      metrics,
      targets: [
        {
          label: 'history page p50 ≤ 50 ms (1,000,000 events)',
          metric: 'full.page.p50',
          op: '<=',
          limit: 50,
        },
        {
          label: 'state at version p50 ≤ 50 ms (1,000,000 events)',
          metric: 'full.version.p50',
          op: '<=',
          limit: 50,
        },
        {
          label: 'state at instant p50 ≤ 50 ms (1,000,000 events)',
          metric: 'full.at.p50',
          op: '<=',
          limit: 50,
        },
        { label: 'verify finds 0 mismatches', metric: 'verify.mismatches', op: '=', limit: 0 },
      ],
      notes: b7Notes(metrics),
    };
  },
};
