import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { getDynamo } from '../../../functions/platform/dynamo';
import { testKafka } from '../../integration/support/kafka';
import { startLocalSystem, type LocalSystem } from '../../integration/support/localSystem';
import { uniqueName } from '../../integration/support/names';
import { endOffsets, offsetsMoved } from '../support/counters';
import { tableOutage } from '../support/faults/tableOutage';
import { verifyCell, verifyUntilConverged } from '../support/verifyLog';
import { deferCleanup } from './cleanup';
import { sendCommand, type ClientTally } from './faultyClient';
import { fullProfile, recordResult } from './scenarioResult';

// Scenario 12: the read-model tables (orders, inventory and accounts views) answer 500 to everything
// for 30 s, and for 5 minutes (60 s in the reduced profile), while deposits, restocks and orders go
// on. The projections' batches exhaust their retries within seconds and go to lambda-failures; every
// later event of their aggregates meets a version gap. Before issue 12 those read models stayed
// wrong forever. Now each consumer's redrive mapping runs its failed batches again, and gap repair
// reads missing versions back from the log: within 60 s of the tables' return, `verify` must find
// every head, entity and read model equal to the log — with no manual step.

const OUTAGES_S = fullProfile ? [30, 300] : [30, 60];
const CONVERGE_WITHIN_S = 60;
const ACCOUNTS = fullProfile ? 20 : 8;
const SKUS = fullProfile ? 6 : 3;
/** Commands per second the load keeps up during the outage (a deposit, a restock or an order each). */
const RATE = fullProfile ? 8 : 5;

interface Load {
  sent: number;
  acknowledged: number;
  deposits: Map<string, number>;
  restocked: Map<string, number>;
  orders: string[];
}

/** Sends commands at RATE per second until `stop` says so; deposits dominate (they are checked per account). */
async function keepLoad(system: LocalSystem, prefix: string, stop: () => boolean, tally: ClientTally) {
  const load: Load = { sent: 0, acknowledged: 0, deposits: new Map(), restocked: new Map(), orders: [] };
  const inFlight = new Set<Promise<void>>();
  for (let n = 0; !stop(); n += 1) {
    const account = `${prefix}-c${n % ACCOUNTS}`;
    const sku = `${prefix}-s${n % SKUS}`;
    const kind = n % 10 === 9 ? 'order' : n % 10 === 8 ? 'restock' : 'deposit';
    const sent = (async () => {
      load.sent += 1;
      if (kind === 'deposit') {
        const reply = await sendCommand(
          system,
          tally,
          `/accounts/${account}/deposits`,
          { amount: 1 + (n % 7) },
          randomUUID(),
        );
        if (!reply) return;
        load.deposits.set(account, (load.deposits.get(account) ?? 0) + 1 + (n % 7));
      } else if (kind === 'restock') {
        const reply = await sendCommand(
          system,
          tally,
          `/inventory/${sku}/restocks`,
          { quantity: 5 },
          randomUUID(),
        );
        if (!reply) return;
        load.restocked.set(sku, (load.restocked.get(sku) ?? 0) + 5);
      } else {
        const body = { customerId: account, items: [{ sku, quantity: 1, unitPrice: 100 }] };
        const reply = await sendCommand(system, tally, '/orders', body, randomUUID());
        if (!reply) return;
        load.orders.push(String(reply.body.orderId));
      }
      load.acknowledged += 1;
    })();
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
    await sleep(1000 / RATE);
  }
  await Promise.all(inFlight);
  return load;
}

/** Balances the account views answer against the deposits acknowledged: lost and doubled deposits. */
async function depositVerdict(
  system: LocalSystem,
  deposits: ReadonlyMap<string, number>,
  tally: ClientTally,
) {
  let lost = 0;
  let duplicated = 0;
  for (const [account, total] of deposits) {
    const reply = await system.get(`/accounts/${account}`);
    if (reply.status !== 200) tally.unexpected.push(`GET /accounts/${account} → ${reply.status}`);
    const balance = Number(reply.body.balance ?? 0);
    if (balance < total) lost += 1;
    if (balance > total) duplicated += 1;
  }
  return { lost, duplicated };
}

/** Records written to the failure topic since `before` (an {@link endOffsets} reading). */
async function failureRecordsSince(before: ReadonlyMap<string, bigint>): Promise<number> {
  const after = await endOffsets(testKafka('f12-admin'), [process.env.FAILURE_TOPIC!]);
  return Object.values(offsetsMoved(before, after)).reduce((sum, moved) => sum + moved, 0);
}

describe('scenario 12: a read-model table fails, and the read models converge on their own', () => {
  const defer = deferCleanup();
  let system: LocalSystem;

  beforeAll(async () => {
    // The topology's batching windows, as deployed (startLocalSystem's default is 0 for fast tests).
    system = await startLocalSystem({ batchingWindowSeconds: undefined });
    defer(() => system.stop());
  }, 120_000);

  it.each(OUTAGES_S)(
    'converges within 60 s after the views tables were down for %i s under load',
    async (outageSeconds) => {
      const views = [
        process.env.ORDER_VIEWS_TABLE!,
        process.env.INVENTORY_VIEWS_TABLE!,
        process.env.ACCOUNT_VIEWS_TABLE!,
      ];
      const outage = tableOutage(getDynamo(), views);
      const failuresBefore = await endOffsets(testKafka('f12-admin'), [process.env.FAILURE_TOPIC!]);
      const tally: ClientTally = { statuses: {}, unexpected: [] };
      const prefix = uniqueName(`f12-${outageSeconds}`);
      let loading = true;
      const load = keepLoad(system, prefix, () => !loading, tally);
      try {
        await sleep(3_000);
        outage.begin();
        await sleep(outageSeconds * 1000);
      } finally {
        outage.detach();
        loading = false;
      }
      const acked = await load;
      const converged = await verifyUntilConverged(CONVERGE_WITHIN_S * 1000 + 30_000);
      const { lost, duplicated } = await depositVerdict(system, acked.deposits, tally);
      const failed = await failureRecordsSince(failuresBefore);

      recordResult(`12-read-model-outage-${outageSeconds}s`, {
        scenario: `12. Read-model tables down for ${outageSeconds} s`,
        load: `${acked.sent} commands over HTTP at ${RATE}/s (deposits to ${ACCOUNTS} accounts, restocks of ${SKUS} skus, orders and their reactions), topology batching windows`,
        faults: `every call to the 3 views tables answered 500 for ${outageSeconds} s (${outage.refused()} calls refused)`,
        acknowledged: acked.acknowledged,
        lost,
        duplicated,
        recoverySeconds: converged.seconds,
        verify: verifyCell(converged),
        notes:
          `${failed} failed batches reached lambda-failures and were redriven; from the tables' return, verify found every head, entity and read model equal to the log after ${converged.seconds.toFixed(1)} s ` +
          `(${converged.aggregates} aggregates, ${converged.events} events, ${converged.mismatches.length} mismatches). Client saw ${JSON.stringify(tally.statuses)}.`,
      });

      expect(tally.unexpected).toEqual([]);
      expect(acked.acknowledged).toBe(acked.sent);
      expect(failed).toBeGreaterThan(0);
      expect(converged.mismatches).toEqual([]);
      expect(converged.pending).toBe(0);
      expect(converged.seconds).toBeLessThanOrEqual(CONVERGE_WITHIN_S);
      expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    },
    (Math.max(...OUTAGES_S) + 240) * 1000,
  );
});
