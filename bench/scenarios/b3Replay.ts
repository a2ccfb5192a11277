import type { MSKEvent } from 'aws-lambda';
import type { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import { ensureTable } from '../../lib/dynamodb/createTable';
import { InMemoryDeadLetterSink } from '../../lib/deadLetter/inMemoryDeadLetterSink';
import { createProjectionHandler } from '../../lib/projections/projectionHandler';
import { DynamoSnapshotStore } from '../../lib/snapshots/dynamoSnapshotStore';
import { snapshotTableDefinition } from '../../lib/snapshots/snapshotTable';
import { inventoryCatalog } from '../../functions/inventory/domain/inventoryEvents';
import { inventoryView, type InventoryView } from '../../functions/inventory/projection/inventoryView';
import { Recorder, type Scenario, type ScenarioContext } from '../scenario';
import { cpuBetween, cpuProbe } from '../support/cpu';
import type { DynamoMeter } from '../support/dynamoMeter';
import type { benchKafka } from '../support/kafka';
import { projectTopic } from '../support/projectTopic';
import { rawConsume } from '../support/rawConsume';
import { timedStore } from '../support/timedStore';
import { referenceMismatches } from '../support/referenceCheck';
import { b3Notes } from './b3Notes';
import { B3_EVENTS, prepareWorkload } from './workload';

const BATCH_SIZES = [1_000, 10_000] as const;
const WARM_UP_RECORDS = 10_000;

type Recording = Recorder | undefined;

async function rebuild(
  context: ScenarioContext,
  kafka: ReturnType<typeof benchKafka>,
  meter: DynamoMeter,
  dynamo: ReturnType<typeof createDynamoClient>,
  options: { topic: string; records: number; batchSize: number; run: number; check: boolean },
) {
  const tableName = `bench-${context.runId}-b3-rebuild${options.batchSize}-r${options.run}`;
  await ensureTable(dynamo, tableName, snapshotTableDefinition());
  const table = new DynamoSnapshotStore<InventoryView>({ client: dynamo, tableName });
  const { store, times } = timedStore(table);
  const handler = createProjectionHandler({
    projection: inventoryView,
    store,
    deadLetters: new InMemoryDeadLetterSink(),
    log: () => undefined,
    // A rebuild is the table's only writer: unconditional BatchWriteItem (see ProjectionHandlerOptions).
    writes: 'bulk',
  });
  const project = (groupId: string, through: (event: MSKEvent) => Promise<unknown>) =>
    projectTopic({
      kafka,
      topic: options.topic,
      groupId,
      batchSize: options.batchSize,
      records: options.records,
      handler: through,
    });
  meter.reset();
  const sample = cpuProbe();
  const before = sample();
  const result = await project(`${tableName}-group`, handler);
  const cpu = cpuBetween(before, sample(), options.records);
  const writes = meter.calls('BatchWriteItem');
  // Only measured runs read the whole topic; the warm-up's partial read could end elsewhere.
  const mismatches = options.check
    ? await referenceMismatches({
        projection: inventoryView,
        rebuilt: table,
        replay: (live) => project(`${tableName}-reference`, live),
      })
    : Number.NaN;
  return { ...result, cpu, writes, mismatches, times };
}

async function oneRun(
  context: ScenarioContext,
  parts: {
    kafka: ReturnType<typeof benchKafka>;
    dynamo: ReturnType<typeof createDynamoClient>;
    meter: DynamoMeter;
    topic: string;
    events: number;
  },
  run: number,
  recorder: Recording,
) {
  const records = recorder ? parts.events : Math.min(WARM_UP_RECORDS, parts.events);
  // On a shared machine the load moves within seconds: each rebuild is compared with a raw read
  // made just before it, and both raw reads count towards the raw metrics.
  const rawRead = async (batchSize: number) => {
    const sample = cpuProbe();
    const before = sample();
    const raw = await rawConsume(
      parts.kafka,
      parts.topic,
      `bench-${context.runId}-b3-raw${batchSize}-r${run}`,
      records,
      inventoryCatalog,
    );
    const rawCpu = cpuBetween(before, sample(), records);
    const rate = records / (raw.ms / 1000);
    context.log(`  raw consume + decode: ${Math.round(rate)} events/s`);
    recorder?.record('raw.rate', 'raw kafkajs consume + decode: events/s', 'ev/s', rate);
    recorder?.record('raw.cpu', 'raw: bench CPU per event', 'µs', rawCpu.perUnit.bench * 1000);
    return rate;
  };
  for (const batchSize of BATCH_SIZES) {
    const rawRate = await rawRead(batchSize);
    const result = await rebuild(context, parts.kafka, parts.meter, parts.dynamo, {
      topic: parts.topic,
      records,
      batchSize,
      run,
      check: recorder !== undefined,
    });
    const rate = records / (result.ms / 1000);
    context.log(`  rebuild, batch ${batchSize}: ${Math.round(rate)} events/s`);
    if (!recorder) continue;
    const label = `rebuild, batch ${batchSize}`;
    recorder.record(`b${batchSize}.rate`, `${label}: events/s`, 'ev/s', rate);
    recorder.record(
      `b${batchSize}.ratio`,
      `${label}: share of the raw rate read just before`,
      '%',
      (100 * rate) / rawRate,
    );
    recorder.record(
      `b${batchSize}.handlerRatio`,
      `${label}: handler-only rate, share of raw`,
      '%',
      (100 * records) / (result.handlerMs / 1000) / rawRate,
    );
    const share = (ms: number) => (100 * ms) / result.ms;
    recorder.record(
      `b${batchSize}.outside`,
      `${label}: time outside the handler (event source emulator)`,
      '%',
      share(result.ms - result.handlerMs),
    );
    recorder.record(`b${batchSize}.reads`, `${label}: time in BatchGetItem`, '%', share(result.times.readMs));
    recorder.record(
      `b${batchSize}.bulk`,
      `${label}: time in BatchWriteItem`,
      '%',
      share(result.times.writeMs),
    );
    recorder.record(
      `b${batchSize}.writes`,
      `${label}: BatchWriteItem requests per 1,000 events`,
      'requests',
      (1000 * result.writes) / records,
    );
    recorder.record(
      `b${batchSize}.mismatches`,
      `${label}: items differing from the conditional projection`,
      'items',
      result.mismatches,
    );
    recorder.record(
      `b${batchSize}.cpuBench`,
      `${label}: bench CPU per event`,
      'µs',
      result.cpu.perUnit.bench * 1000,
    );
    recorder.record(
      `b${batchSize}.cpuDynalite`,
      `${label}: dynalite CPU per event`,
      'µs',
      result.cpu.perUnit.dynalite * 1000,
    );
    recorder.record(`b${batchSize}.busy`, `${label}: machine CPU busy`, '%', result.cpu.machineBusy * 100);
  }
}

export const b3Replay: Scenario = {
  id: 'B3',
  title: 'Replay: rebuilding a read model from offset 0 vs raw consumption',
  defaultRuns: 3,
  async run(context) {
    const { spec, kafka, dynamo, meter } = await prepareWorkload(context, B3_EVENTS, 'bench-b3');
    const recorder = new Recorder();
    try {
      for (let run = 0; run <= context.runs; run += 1) {
        context.log(run === 0 ? `warm-up (${WARM_UP_RECORDS} events)` : `run ${run}/${context.runs}`);
        await oneRun(
          context,
          { kafka, dynamo, meter, topic: spec.topic, events: spec.events },
          run,
          run > 0 ? recorder : undefined,
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
        partitions: spec.partitions,
        'batch sizes': BATCH_SIZES.join(', '),
      },
      metrics,
      targets: [
        {
          label: 'rebuild (batch 10,000) ≥ 50 % of the raw consume rate',
          metric: 'b10000.ratio',
          op: '>=',
          limit: 50,
        },
        {
          label: 'rebuild (batch 1,000) ≥ 50 % of the raw consume rate',
          metric: 'b1000.ratio',
          op: '>=',
          limit: 50,
        },
        ...BATCH_SIZES.map((size) => ({
          label: `rebuild (batch ${size}) equals the conditional projection item for item`,
          metric: `b${size}.mismatches`,
          op: '<=' as const,
          limit: 0,
        })),
      ],
      notes: b3Notes(metrics),
    };
  },
};
