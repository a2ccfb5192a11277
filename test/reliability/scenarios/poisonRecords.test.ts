import type { IHeaders } from 'kafkajs';
import { createKafkaDeadLetterSink } from '../../../lib/deadLetter/kafkaDeadLetterSink';
import { DlqHeader } from '../../../lib/deadLetter/deadLetterSink';
import { ensureTable } from '../../../lib/dynamodb/createTable';
import { startMskEventSource } from '../../../lib/local/mskEventSource';
import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { DynamoSnapshotStore } from '../../../lib/snapshots/dynamoSnapshotStore';
import { snapshotTableDefinition } from '../../../lib/snapshots/snapshotTable';
import { meta, tallyCatalog, tallyDecider } from '../../support/tallyDomain';
import { testDynamo } from '../../integration/support/dynamo';
import { consumeFromStart, createTopic, testKafka } from '../../integration/support/kafka';
import { uniqueName } from '../../integration/support/names';
import { tallyCommandStack } from '../../integration/support/tallyCommands';
import { tallyView, type TallyView } from '../../integration/support/tallyPipeline';
import { LARGE_TOPIC_CONFIG, poisonRecords } from './poisonRecords';
import { fullProfile, recordResult } from './scenarioResult';
import { verifyCell, verifyTopic } from '../support/verifyLog';
import { runTallyLoad } from './tallyLoad';
import { deferCleanup } from './cleanup';

// Scenario 8: poison of every kind arrives in a live stream, in every partition, between valid
// events. Each is dead-lettered with its reason; the records after it, and the other partitions,
// are projected; the consumer group's lag returns to zero everywhere.

const AGGREGATES = fullProfile ? 100 : 24;
const COPIES = fullProfile ? 10 : 2;
const PARTITIONS = 3;

describe('scenario 8: poison records', () => {
  const defer = deferCleanup();
  it('dead-letters every kind of poison with its reason, and the lag of every partition returns to zero', async () => {
    const kafka = testKafka('poison-scenario');
    const commands = await tallyCommandStack({ partitions: PARTITIONS });
    defer(() => commands.close());
    const admin = kafka.admin();
    await admin.connect();
    defer(() => admin.disconnect());
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: commands.topic, configEntries: LARGE_TOPIC_CONFIG }],
    });
    const deadLetterTopic = uniqueName('poison-dlq');
    await admin.createTopics({
      topics: [{ topic: deadLetterTopic, numPartitions: 1, configEntries: LARGE_TOPIC_CONFIG }],
      waitForLeaders: true,
    });
    const failures = await createTopic('poison-failures');
    const dynamo = testDynamo();
    defer(() => dynamo.destroy());
    const tableName = uniqueName('poison-views');
    await ensureTable(dynamo, tableName, snapshotTableDefinition());
    const views = new DynamoSnapshotStore<TallyView>({ client: dynamo, tableName });
    const deadLetters = createKafkaDeadLetterSink({ kafka, topic: deadLetterTopic });
    defer(() => deadLetters.close());
    const handler = createProjectionHandler({
      projection: tallyView,
      store: views,
      deadLetters,
      log: () => undefined,
    });
    const groupId = uniqueName('poison-views');
    const source = await startMskEventSource({
      kafka,
      functionName: 'projectTallies',
      topics: [commands.topic],
      consumerGroupId: groupId,
      startingPosition: 'TRIM_HORIZON',
      batchSize: 100,
      maximumBatchingWindowSeconds: 0,
      maximumRetryAttempts: 10,
      bisectBatchOnFunctionError: true,
      onFailureTopic: failures,
      handler,
    });
    defer(() => source.stop());

    const ids = Array.from({ length: AGGREGATES }, (_, i) => `poisoned-stream-${i}`);
    let events = await runTallyLoad(commands.handle, ids, 2);
    const open = ids.filter((_, index) => index % 5 !== 0); // runTallyLoad closes every fifth
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    defer(() => producer.disconnect());
    const poison = poisonRecords(COPIES);
    const placed = new Map<string, string>(); // "partition/offset" → expected reason
    const poisonStarted = Date.now();
    for (const [index, { reason, message }] of poison.entries()) {
      const partition = index % PARTITIONS;
      const [written] = await producer.send({
        topic: commands.topic,
        acks: -1,
        messages: [{ ...message, partition }],
      });
      placed.set(`${partition}/${written!.baseOffset}`, reason);
      // Valid events keep arriving behind each poison record.
      const id = open[index % open.length]!;
      const result = await commands.handle({
        aggregateId: id,
        command: { type: 'Increment', by: 1 },
        metadata: meta(),
      });
      events += result.events.length;
    }
    await source.waitUntilIdle({ timeoutMs: 60_000 });
    const recoverySeconds = (Date.now() - poisonStarted) / 1000;
    const stats = source.stats();

    const committed = await admin.fetchOffsets({ groupId, topics: [commands.topic] });
    const ends = await admin.fetchTopicOffsets(commands.topic);
    const lag = ends.map(({ partition, high }) => {
      const offset = committed[0]!.partitions.find((p) => p.partition === partition)!.offset;
      return Number(BigInt(high) - BigInt(offset));
    });

    const letters = await consumeFromStart(deadLetterTopic, { until: (seen) => seen.length >= placed.size });
    const header = (headers: IHeaders | undefined, name: string) => headers?.[name]?.toString() ?? '';
    const reasons = new Map<string, string>();
    for (const letter of letters) {
      const at = `${header(letter.headers, DlqHeader.sourcePartition)}/${header(letter.headers, DlqHeader.sourceOffset)}`;
      reasons.set(at, header(letter.headers, DlqHeader.reason));
    }
    const heads = await Promise.all(ids.map((id) => commands.heads.read(id)));
    const projected = await views.getMany(
      [...ids, ...poison.map((p) => p.message.headers.ce_subject ?? '')],
      {
        consistent: true,
      },
    );
    const lost = ids.reduce((sum, id, i) => sum + heads[i]!.version - (projected.get(id)?.version ?? 0), 0);

    const verified = await verifyTopic({
      kafka,
      topic: commands.topic,
      catalog: tallyCatalog,
      decider: tallyDecider,
      heads: commands.heads,
      projection: tallyView,
      views,
      ids,
    });
    recordResult('08-poison-records', {
      scenario: '8. Poison records of every kind in a live stream',
      load: `${events} valid events of ${AGGREGATES} tallies on ${PARTITIONS} partitions, with ${poison.length} poison records between them`,
      faults: `every poison reason (${Object.keys(Object.fromEntries(poison.map((p) => [p.reason, 1]))).length}) × ${COPIES}, spread over every partition`,
      acknowledged: events,
      lost,
      duplicated: letters.length - reasons.size,
      recoverySeconds,
      verify: verifyCell(verified),
      notes:
        `counts are valid events; ${reasons.size} of ${placed.size} poison records dead-lettered with the expected dlq_reason; ` +
        `final lag per partition ${lag.join('/')}; ${stats.failedInvocations} failed invocations, ` +
        `${stats.sentToFailureTopic} records sent to the failure topic. duplicated counts repeated dead letters.`,
    });

    expect(Object.fromEntries(reasons)).toEqual(Object.fromEntries(placed));
    expect(verified.mismatches).toEqual([]);
    expect(lag).toEqual(Array.from({ length: PARTITIONS }, () => 0));
    expect(stats.sentToFailureTopic).toBe(0);
    expect(lost).toBe(0);
    for (const [index, id] of ids.entries()) {
      expect([id, projected.get(id)?.version, projected.get(id)?.doc.total]).toEqual([
        id,
        heads[index]!.version,
        heads[index]!.state.total,
      ]);
    }
    // A poison record that names an aggregate parks it (version 0: nothing shown); none applied.
    for (const p of poison) {
      const stored = projected.get(p.message.headers.ce_subject ?? '');
      if (stored)
        expect({ version: stored.version, parked: !!stored.parked }).toEqual({ version: 0, parked: true });
    }
  }, 180_000);
});
