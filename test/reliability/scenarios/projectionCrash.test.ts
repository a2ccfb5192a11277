import type { MSKEvent } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { InMemoryDeadLetterSink } from '../../../lib/deadLetter/inMemoryDeadLetterSink';
import { ensureTable } from '../../../lib/dynamodb/createTable';
import { startMskEventSource, type MskEventSource } from '../../../lib/local/mskEventSource';
import { createProjectionHandler } from '../../../lib/projections/projectionHandler';
import { DynamoSnapshotStore } from '../../../lib/snapshots/dynamoSnapshotStore';
import type { Snapshot } from '../../../lib/snapshots/snapshotStore';
import type { AggregateHead } from '../../../lib/heads/headStore';
import type { TallyState } from '../../support/tallyDomain';
import { snapshotTableDefinition } from '../../../lib/snapshots/snapshotTable';
import { rawItem } from '../../integration/projections/snapshotTableFixture';
import { testDynamo } from '../../integration/support/dynamo';
import { createTopic, testKafka } from '../../integration/support/kafka';
import { uniqueName } from '../../integration/support/names';
import { tallyCommandStack } from '../../integration/support/tallyCommands';
import { tallyView, type TallyView } from '../../integration/support/tallyPipeline';
import { crashAfterPuts, SimulatedCrash, type CrashSwitch } from '../support/faults/crashAfterPuts';
import { deferCleanup } from './cleanup';
import { fullProfile, recordResult } from './scenarioResult';
import { runTallyLoad } from './tallyLoad';
import { verifyCell, verifyTopic } from '../support/verifyLog';
import { tallyCatalog, tallyDecider } from '../../support/tallyDomain';

// Scenario 6: a projection dies mid-batch — after some of its snapshot puts, before the event source
// commits the offset — and the batch comes again, from the same poller's retry or from a new poller
// resuming the group. The snapshots must end byte for byte where a run without crashes ends.

const AGGREGATES = fullProfile ? 200 : 40;
const ROUNDS = fullProfile ? 8 : 4;

interface CrashPlan {
  /** Puts that succeed before the crash; 'all': every put succeeds, the crash comes before the commit. */
  readonly afterPuts: number | 'all';
  /** Invocations that pass untouched before this plan is armed. */
  readonly skip: number;
  /** The poller dies too: a new event source resumes the consumer group. */
  readonly restart: boolean;
}

const PLANS: readonly CrashPlan[] = [
  { afterPuts: 2, skip: 0, restart: false },
  { afterPuts: 5, skip: 0, restart: false }, // the redelivered batch crashes again, later in it
  { afterPuts: 'all', skip: 0, restart: false },
  { afterPuts: 1, skip: 1, restart: true },
  { afterPuts: 'all', skip: 1, restart: true },
  { afterPuts: 0, skip: 1, restart: false },
];

async function snapshotTable(prefix: string) {
  const client = testDynamo();
  const tableName = uniqueName(prefix);
  await ensureTable(client, tableName, snapshotTableDefinition());
  const store = new DynamoSnapshotStore<TallyView>({ client, tableName });
  return { client, tableName, store };
}

function projector(store: DynamoSnapshotStore<TallyView>) {
  return createProjectionHandler({
    projection: tallyView,
    store,
    deadLetters: new InMemoryDeadLetterSink(),
    log: () => undefined,
  });
}

/**
 * The projection with crashes injected by plan: armed before an invocation, the crash switch fails
 * the puts past the plan's count; an 'all' plan lets every put through and fails the invocation
 * before the event source can commit. A plan is done when its crash happened.
 */
function crashingProjection(project: (event: MSKEvent) => Promise<unknown>, crash: CrashSwitch) {
  const state = { plans: [...PLANS], skipLeft: PLANS[0]!.skip, restartPending: false, lastCrashAt: 0 };
  const handler = async (event: MSKEvent) => {
    const plan = state.skipLeft-- <= 0 ? state.plans[0] : undefined;
    if (plan && plan.afterPuts !== 'all') crash.arm(plan.afterPuts);
    let crashedAfterAll = false;
    try {
      const result = await project(event);
      crashedAfterAll = plan?.afterPuts === 'all';
      if (crashedAfterAll) throw new SimulatedCrash('after every put, before the offset commit');
      return result;
    } finally {
      if ((crash.endInvocation() || crashedAfterAll) && plan) {
        state.plans.shift();
        state.skipLeft = state.plans[0]?.skip ?? 0;
        state.lastCrashAt = Date.now();
        state.restartPending ||= plan.restart;
      }
    }
  };
  return Object.assign(state, { handler });
}

/** Idle, and no crash asking for a new poller: false while either is not so (checked every 0.5 s). */
async function idleWithoutRestart(
  source: MskEventSource,
  crashing: { restartPending: boolean },
): Promise<boolean> {
  if (crashing.restartPending) return false;
  const idle = await source.waitUntilIdle({ timeoutMs: 500 }).then(
    () => true,
    () => false,
  );
  if (!idle) await sleep(10);
  return idle && !crashing.restartPending;
}

/** Events missing from the snapshots, and snapshots at their head's version with another total. */
function compare(
  ids: readonly string[],
  heads: readonly (AggregateHead<TallyState> | undefined)[],
  views: ReadonlyMap<string, Snapshot<TallyView>>,
) {
  let lost = 0;
  let duplicated = 0;
  for (const [index, id] of ids.entries()) {
    const head = heads[index];
    const view = views.get(id);
    lost += Math.max(0, (head?.version ?? 0) - (view?.version ?? 0));
    if (view && view.version === head?.version && view.doc.total !== head.state.total) duplicated += 1;
  }
  return { lost, duplicated };
}

describe('scenario 6: projection crash mid-batch', () => {
  const defer = deferCleanup();

  it('after crashes between puts and the offset commit, redelivery leaves the snapshots of a clean run', async () => {
    const commands = await tallyCommandStack({ partitions: 3 });
    defer(() => commands.close());
    const ids = Array.from({ length: AGGREGATES }, (_, i) => `crash-${i}`);
    const events = await runTallyLoad(commands.handle, ids, ROUNDS);
    const failures = await createTopic('crash-failures');
    const kafka = testKafka('crash-scenario');
    const start = (groupId: string, handler: (event: MSKEvent) => Promise<unknown>) =>
      startMskEventSource({
        kafka,
        functionName: 'projectTallies',
        topics: [commands.topic],
        consumerGroupId: groupId,
        startingPosition: 'TRIM_HORIZON',
        batchSize: 25,
        maximumBatchingWindowSeconds: 0,
        maximumRetryAttempts: 10,
        bisectBatchOnFunctionError: true,
        onFailureTopic: failures,
        handler,
      });

    const clean = await snapshotTable('crash-clean');
    defer(() => clean.client.destroy());
    const cleanSource = await start(uniqueName('clean'), projector(clean.store));
    defer(() => cleanSource.stop());
    await cleanSource.waitUntilIdle({ timeoutMs: 60_000 });
    await cleanSource.stop();

    const crashy = await snapshotTable('crash-crashy');
    defer(() => crashy.client.destroy());
    const crash = crashAfterPuts(crashy.client);
    const crashing = crashingProjection(projector(crashy.store), crash);
    const groupId = uniqueName('crashy');
    const sources: MskEventSource[] = [await start(groupId, crashing.handler)];
    defer(() => sources.at(-1)!.stop());
    const deadline = Date.now() + 90_000;
    while (!(await idleWithoutRestart(sources.at(-1)!, crashing))) {
      if (Date.now() > deadline) throw new Error('the crashy projection did not converge in 90 s');
      if (!crashing.restartPending) continue;
      crashing.restartPending = false;
      await sources.at(-1)!.stop();
      sources.push(await start(groupId, crashing.handler));
    }
    const recoverySeconds = (Date.now() - crashing.lastCrashAt) / 1000;
    const stats = sources.map((s) => s.stats());

    const cleanItems = await Promise.all(ids.map((id) => rawItem(clean.client, clean.tableName, id)));
    const crashyItems = await Promise.all(ids.map((id) => rawItem(crashy.client, crashy.tableName, id)));
    const heads = await Promise.all(ids.map((id) => commands.heads.read(id)));
    const views = await crashy.store.getMany(ids, { consistent: true });
    const { lost, duplicated } = compare(ids, heads, views);
    const executed = PLANS.length - crashing.plans.length;
    const verified = await verifyTopic({
      kafka,
      topic: commands.topic,
      catalog: tallyCatalog,
      decider: tallyDecider,
      heads: commands.heads,
      projection: tallyView,
      views: crashy.store,
      ids,
    });
    recordResult('06-projection-crash', {
      scenario: '6. Projection crash mid-batch, then redelivery',
      load: `${events} events of ${AGGREGATES} tallies on 3 partitions, batches of 25`,
      faults: `${executed} crashes (after 0, 1, 2, 5 and all puts of a batch; 2 of them also kill the poller)`,
      acknowledged: events,
      lost,
      duplicated,
      recoverySeconds,
      verify: verifyCell(verified),
      notes:
        `counts are events; ${stats.reduce((n, s) => n + s.failedInvocations, 0)} failed invocations, ${sources.length - 1} poller restarts, ` +
        `${crash.stats.crashedPuts} puts refused by crashes; ${stats.reduce((n, s) => n + s.sentToFailureTopic, 0)} records sent to the failure topic; ` +
        `${cleanItems.filter((item, i) => item === crashyItems[i]).length} of ${ids.length} items byte-identical to the clean run.`,
    });

    expect(executed).toBe(PLANS.length);
    expect(verified.mismatches).toEqual([]);
    expect(crashyItems).toEqual(cleanItems);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(stats.every((s) => s.sentToFailureTopic === 0)).toBe(true);
    for (const [index, id] of ids.entries()) {
      expect({ id, version: views.get(id)?.version, total: views.get(id)?.doc.total }).toEqual({
        id,
        version: heads[index]!.version,
        total: heads[index]!.state.total,
      });
    }
  }, 180_000);
});
