import type { Kafka } from 'kafkajs';
import type { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import { ensureTable } from '../../lib/dynamodb/createTable';
import { InMemoryDeadLetterSink } from '../../lib/deadLetter/inMemoryDeadLetterSink';
import { createProjectionHandler } from '../../lib/projections/projectionHandler';
import { DynamoSnapshotStore } from '../../lib/snapshots/dynamoSnapshotStore';
import { snapshotTableDefinition } from '../../lib/snapshots/snapshotTable';
import { inventoryView, type InventoryView } from '../../functions/inventory/projection/inventoryView';
import { Recorder, type Scenario, type ScenarioContext } from '../scenario';
import { cpuBetween, cpuProbe } from '../support/cpu';
import type { DynamoMeter } from '../support/dynamoMeter';
import { hottest, type EventWorkload } from '../support/eventTopic';
import { naiveProjectionHandler } from '../support/naiveProjection';
import { projectTopic } from '../support/projectTopic';
import { differingIds, scanTable } from '../support/snapshotTables';
import { b2Notes } from './b2Notes';
import { B2_EVENTS, prepareWorkload } from './workload';

const WARM_UP_RECORDS = 3_000;

type Variant = { key: string; label: string; batchSize: number; naive: boolean };
const VARIANTS: readonly Variant[] = [
  { key: 'lib100', label: 'runner, batch 100', batchSize: 100, naive: false },
  { key: 'lib1000', label: 'runner, batch 1000', batchSize: 1000, naive: false },
  { key: 'naive', label: 'naive, batch 100', batchSize: 100, naive: true },
];

interface Setup {
  kafka: Kafka;
  context: ScenarioContext;
  dynamo: ReturnType<typeof createDynamoClient>;
  meter: DynamoMeter;
  topic: string;
  events: number;
  hot: Set<string>;
  hotEvents: number;
}

/** Projects the whole topic into a fresh table with one variant; returns the table name. */
async function runVariant(setup: Setup, variant: Variant, run: number, recorder: Recorder | undefined) {
  const records = recorder ? setup.events : Math.min(WARM_UP_RECORDS, setup.events);
  const tableName = `bench-${setup.context.runId}-b2-${variant.key}-r${run}`;
  await ensureTable(setup.dynamo, tableName, snapshotTableDefinition());
  const store = new DynamoSnapshotStore<InventoryView>({ client: setup.dynamo, tableName });
  const handler = variant.naive
    ? naiveProjectionHandler(inventoryView, store)
    : createProjectionHandler({
        projection: inventoryView,
        store,
        deadLetters: new InMemoryDeadLetterSink(),
        log: () => undefined,
      });
  setup.meter.reset();
  const sample = cpuProbe();
  const before = sample();
  const result = await projectTopic({
    kafka: setup.kafka,
    topic: setup.topic,
    groupId: `${tableName}-group`,
    batchSize: variant.batchSize,
    records,
    handler,
    watched: setup.hot,
  });
  const cpu = cpuBetween(before, sample(), records);
  if (recorder) {
    const writes = setup.meter.calls('PutItem');
    const hotWrites = [...setup.meter.writesByKey]
      .filter(([key]) => setup.hot.has(key.slice(tableName.length + 1)))
      .reduce((sum, [, n]) => sum + n, 0);
    recorder.record(
      `${variant.key}.rate`,
      `${variant.label}: events/s`,
      'ev/s',
      setup.events / (result.ms / 1000),
    );
    recorder.record(
      `${variant.key}.writes`,
      `${variant.label}: writes / event`,
      'writes',
      writes / setup.events,
    );
    recorder.record(
      `${variant.key}.hotWrites`,
      `${variant.label}: writes / event, hottest 10 %`,
      'writes',
      hotWrites / setup.hotEvents,
    );
    recorder.record(
      `${variant.key}.hotBound`,
      `${variant.label}: fewest possible, hottest 10 %`,
      'writes',
      result.watchedBatchAppearances / setup.hotEvents,
    );
    recorder.record(
      `${variant.key}.wcu`,
      `${variant.label}: write units / event (table and indexes)`,
      'WCU',
      setup.meter.total('writeUnits') / setup.events,
    );
    recorder.record(
      `${variant.key}.rcu`,
      `${variant.label}: read units / event`,
      'RCU',
      setup.meter.total('readUnits') / setup.events,
    );
    recorder.record(
      `${variant.key}.requests`,
      `${variant.label}: DynamoDB requests / event`,
      'requests',
      setup.meter.total('calls') / setup.events,
    );
    recorder.record(
      `${variant.key}.cpuBench`,
      `${variant.label}: bench CPU / event`,
      'µs',
      cpu.perUnit.bench * 1000,
    );
    recorder.record(
      `${variant.key}.cpuDynalite`,
      `${variant.label}: dynalite CPU / event`,
      'µs',
      cpu.perUnit.dynalite * 1000,
    );
  }
  return { tableName, rate: records / (result.ms / 1000) };
}

function expectedItems(workload: EventWorkload): Map<string, Record<string, unknown>> {
  return new Map([...workload.expected].map(([id, { version, doc }]) => [id, { ...doc, id, version }]));
}

export const b2Coalescing: Scenario = {
  id: 'B2',
  title: 'Projection coalescing: runner (batch 100 / 1000) vs naive read-one-write-one',
  defaultRuns: 2,
  async run(context) {
    const { spec, kafka, workload, dynamo, meter } = await prepareWorkload(context, B2_EVENTS, 'bench-b2');
    const hot = hottest(workload.counts, 0.1);
    const hotEvents = [...hot].reduce((sum, id) => sum + (workload.counts.get(id) ?? 0), 0);
    const setup: Setup = {
      kafka,
      context,
      dynamo,
      meter,
      topic: spec.topic,
      events: spec.events,
      hot,
      hotEvents,
    };
    const recorder = new Recorder();
    const expected = expectedItems(workload);
    try {
      for (let run = 0; run <= context.runs; run += 1) {
        context.log(run === 0 ? 'warm-up' : `run ${run}/${context.runs}`);
        const measured = run > 0 ? recorder : undefined;
        const tables: Record<string, string> = {};
        const rates: Record<string, number> = {};
        for (const variant of VARIANTS) {
          const { tableName, rate } = await runVariant(setup, variant, run, measured);
          tables[variant.key] = tableName;
          rates[variant.key] = rate;
          context.log(`  ${variant.label}: ${Math.round(rate)} events/s`);
        }
        if (!measured) continue;
        recorder.record('ratio100', 'events/s: runner batch 100 / naive', '×', rates.lib100! / rates.naive!);
        recorder.record(
          'ratio1000',
          'events/s: runner batch 1000 / naive',
          '×',
          rates.lib1000! / rates.naive!,
        );
        const naive = await scanTable(dynamo, tables.naive!);
        const differing = (key: string) =>
          scanTable(dynamo, tables[key]!).then((items) => differingIds(items, naive).length);
        recorder.record(
          'diff100',
          'snapshots differing from naive, batch 100',
          'items',
          await differing('lib100'),
        );
        recorder.record(
          'diff1000',
          'snapshots differing from naive, batch 1000',
          'items',
          await differing('lib1000'),
        );
        recorder.record(
          'diffExpected',
          'naive snapshots differing from the in-memory fold',
          'items',
          differingIds(naive, expected).length,
        );
      }
    } finally {
      dynamo.destroy();
    }
    const metrics = recorder.list();
    return {
      settings: {
        events: spec.events,
        aggregates: spec.aggregates,
        'Zipf exponent': spec.zipfExponent,
        'hottest 10 % hold': `${((100 * hotEvents) / spec.events).toFixed(0)} % of events`,
        partitions: spec.partitions,
        'batching window': '1 s',
      },
      metrics,
      targets: [
        { label: 'runner (batch 1000) ≥ 10 × naive events/s', metric: 'ratio1000', op: '>=', limit: 10 },
        { label: 'runner (batch 100) ≥ 10 × naive events/s', metric: 'ratio100', op: '>=', limit: 10 },
        {
          label: '≤ 0.1 writes / event for the hottest 10 % (batch 1000)',
          metric: 'lib1000.hotWrites',
          op: '<=',
          limit: 0.1,
        },
        {
          label: '≤ 0.1 writes / event for the hottest 10 % (batch 100)',
          metric: 'lib100.hotWrites',
          op: '<=',
          limit: 0.1,
        },
        { label: 'snapshots identical to naive (batch 100)', metric: 'diff100', op: '<=', limit: 0 },
        { label: 'snapshots identical to naive (batch 1000)', metric: 'diff1000', op: '<=', limit: 0 },
      ],
      notes: b2Notes(metrics),
    };
  },
};
