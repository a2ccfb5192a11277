import { randomUUID } from 'node:crypto';
import { mapWithConcurrency } from '../../../lib/projections/mapWithConcurrency';
import { getDynamo } from '../../../functions/platform/dynamo';
import { testDynamo } from '../../integration/support/dynamo';
import { testKafka } from '../../integration/support/kafka';
import { startLocalSystem, type LocalSystem } from '../../integration/support/localSystem';
import { uniqueName } from '../../integration/support/names';
import { injectDynamoFaults, type FaultStats } from '../support/faults/dynamoFaults';
import { deferCleanup } from './cleanup';
import { commitViolations, placedEvents, startCommitSampler } from './commitSampler';
import { sendCommand, type ClientTally } from './faultyClient';
import {
  orderSystemStores,
  orderWorkload,
  verifyOrderSystem,
  type Acknowledged,
  type Command,
} from './orderSystemState';
import { fullProfile, recordResult } from './scenarioResult';
import { verifyCell, verifyUntilConverged } from '../support/verifyLog';

// Scenario 7: one DynamoDB call attempt in ten fails — throttled, 500, 503, timed out before it got
// there, or (for heads, views and checkpoints) applied but its response lost — and one BatchGetItem
// in ten answers half its keys. Faults go into the handlers' one shared client from outside
// (functions/platform/dynamo.ts creates it; jest shares the module), so the command path, the
// projections and the reactors all suffer them. Clients retry as the README tells them to.

const RATE = 0.1;
const SEED = Number(process.env.RELIABILITY_SEED ?? 20260101);
const SIZES = fullProfile
  ? { skus: 20, accounts: 20, each: 10, orders: 60 }
  : { skus: 6, accounts: 6, each: 4, orders: 10 };
const CONCURRENCY = 6;

const meanGap = (stats: FaultStats, kind: string) => {
  const gaps = stats.retryGapsMs[kind] ?? [];
  return gaps.length ? Math.round(gaps.reduce((a, b) => a + b, 0) / gaps.length) : 0;
};

/** Sends every command of the workload; resolves with those acknowledged (orders with their ids). */
async function drive(
  system: LocalSystem,
  load: ReturnType<typeof orderWorkload>,
  tally: ClientTally,
): Promise<Acknowledged> {
  const send = (command: Command) => sendCommand(system, tally, command.path, command.body, randomUUID());
  const restocked = await mapWithConcurrency(load.restocks, CONCURRENCY, send);
  const [deposited, placed] = await Promise.all([
    mapWithConcurrency(load.deposits, CONCURRENCY / 2, send),
    mapWithConcurrency(load.orders, CONCURRENCY / 2, send),
  ]);
  const ok = (outcome: PromiseSettledResult<unknown> | undefined) =>
    outcome?.status === 'fulfilled' && outcome.value !== undefined;
  return {
    restocks: load.restocks.filter((_, i) => ok(restocked[i])),
    deposits: load.deposits.filter((_, i) => ok(deposited[i])),
    orders: placed.flatMap((o, i) =>
      o.status === 'fulfilled' && o.value ? [{ ...load.orders[i]!, id: String(o.value.body.orderId) }] : [],
    ),
  };
}

describe('scenario 7: DynamoDB faults on the command path and the projections', () => {
  const defer = deferCleanup();

  it('retries back off, offsets wait for the writes, nothing is lost or duplicated, snapshots equal heads', async () => {
    const system = await startLocalSystem();
    defer(() => system.stop());
    const clean = testDynamo();
    defer(() => clean.destroy());
    const stores = orderSystemStores(clean, process.env);
    const load = orderWorkload(uniqueName('f7'), SIZES);
    const faults = injectDynamoFaults(getDynamo(), {
      rate: RATE,
      seed: SEED,
      // Every table, the Idempotency-Key table included: its first put carries an attempt tag, so the
      // SDK's retry of a put whose answer was lost recognises its own item.
      lostResponseTables: () => true,
    });
    defer(() => faults.detach());
    const paymentsTopic = process.env.PAYMENT_TOPIC!;
    const sampler = startCommitSampler({
      kafka: testKafka('f7-sampler'),
      groupId: paymentsTopic.replace(/payments$/, 'payment-views'),
      topic: paymentsTopic,
      readVersions: async () => {
        const views = await stores.views.accounts.getMany(load.accounts, { consistent: true });
        return new Map([...views].map(([id, snapshot]) => [id, snapshot.version]));
      },
    });
    defer(() => sampler.stop());

    const tally: ClientTally = { statuses: {}, unexpected: [] };
    const started = Date.now();
    const acked = await drive(system, load, tally);
    const loadSeconds = (Date.now() - started) / 1000;
    const settleStarted = Date.now();
    await system.runtime.waitUntilIdle(120_000);
    const recoverySeconds = (Date.now() - settleStarted) / 1000;
    faults.enabled = false;
    const samples = await sampler.stop();
    const verdict = await verifyOrderSystem(stores, load, acked);
    const verified = await verifyUntilConverged(30_000);
    const heads = await Promise.all(load.accounts.map((id) => stores.heads.accounts.read(id)));
    const accountVersions = heads.reduce((sum, head) => sum + (head?.version ?? 0), 0);
    const violations = commitViolations(samples, await placedEvents(paymentsTopic, accountVersions));

    const { stats } = faults;
    const sent = load.restocks.length + load.deposits.length + load.orders.length;
    const acknowledged = acked.restocks.length + acked.deposits.length + acked.orders.length;
    recordResult('07-dynamodb-faults', {
      scenario: '7. DynamoDB faults (throttling, 5xx, timeouts, lost responses, unprocessed keys) at 10 %',
      load: `${load.restocks.length} restocks, ${load.deposits.length} deposits, ${load.orders.length} two-line orders over HTTP (${CONCURRENCY} in flight), their reactions and projections; ${stats.attempts} DynamoDB attempts`,
      faults: `${RATE * 100}% of attempts (seed ${SEED}): ${Object.entries(stats.injected)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      acknowledged,
      lost: verdict.lost,
      duplicated: verdict.duplicated,
      recoverySeconds,
      verify: verifyCell(verified),
      notes:
        `load ${loadSeconds.toFixed(1)} s; client saw ${JSON.stringify(tally.statuses)}; mean SDK retry delay after throttling ${meanGap(stats, 'throttling')} ms, ` +
        `500/503 ${meanGap(stats, 'serverError')}/${meanGap(stats, 'unavailable')} ms, timeouts ${meanGap(stats, 'timeout')} ms, lost responses ${meanGap(stats, 'lostResponse')} ms; ` +
        `${samples.length} commit samples of the account projection, ${violations.length} with an offset committed ahead of its writes; ` +
        `${verdict.mismatches.length} snapshot/head mismatches; ${stats.lostResponsesByTable[process.env.IDEMPOTENCY_TABLE!] ?? 0} of the lost responses ` +
        `on the Idempotency-Key table (the SDK's retry of a lost first put recognises its own attempt tag).`,
    });

    expect(tally.unexpected).toEqual([]);
    expect(acknowledged).toBe(sent);
    expect(stats.injected.lostResponse).toBeGreaterThan(0);
    expect(stats.injected.unprocessedKeys).toBeGreaterThan(0);
    // Full jitter can make one retry immediate; on average throttling waits longer (500 ms base vs 100 ms).
    expect(meanGap(stats, 'throttling')).toBeGreaterThan(meanGap(stats, 'serverError'));
    expect(samples.length).toBeGreaterThan(5);
    expect(violations).toEqual([]);
    expect(verdict.mismatches).toEqual([]);
    expect(verified.mismatches).toEqual([]);
    expect({ lost: verdict.lost, duplicated: verdict.duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 300_000);
});
