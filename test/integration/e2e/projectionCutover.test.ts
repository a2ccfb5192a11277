import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { projectionOps, endOffsets } from '../../../infra/cli/projectionOps';
import { verifyTypes } from '../../../infra/cli/verify';
import type { ProjectionName } from '../../../infra/topology';
import { changeVersions, currentVersions } from '../../../lib/projectionVersions/changeVersions';
import { dropVersion } from '../../../lib/projectionVersions/lifecycle';
import { cutoverProjection, rebuildProjection } from '../../../lib/projectionVersions/rebuild';
import { DynamoSnapshotStore } from '../../../lib/snapshots/dynamoSnapshotStore';
import { testDynamo } from '../support/dynamo';
import { startLocalSystem, type LocalSystem, type Reply } from '../support/localSystem';
import { uniqueName } from '../support/names';

// Issue 13's done-when: a rebuild and cutover of every read model on the running system while
// commands keep arriving — the same functions `kes projections rebuild|cutover|drop` call, on the
// runtime `npm start` runs. Queries answer the same before and after, and no request fails.
describe('projection versions on the running system', () => {
  let system: LocalSystem;
  const names: ProjectionName[] = ['orderViews', 'inventoryViews', 'accountViews'];
  const skus = Array.from({ length: 6 }, () => uniqueName('sku'));
  const accounts = Array.from({ length: 6 }, () => uniqueName('cust'));
  const orders: string[] = [];
  let beforeLoad: string;
  let answersBefore: Map<string, unknown>;

  const routes = () => [
    ...skus.map((sku) => `/inventory/${sku}`),
    ...accounts.map((id) => `/accounts/${id}`),
    ...orders.map((id) => `/orders/${id}`),
  ];
  const answers = async () => {
    const replies = await Promise.all(routes().map((path) => system.get(path)));
    return new Map(routes().map((path, i) => [path, replies[i]!.body]));
  };

  beforeAll(async () => {
    system = await startLocalSystem();
    for (const sku of skus)
      expect((await system.post(`/inventory/${sku}/restocks`, { quantity: 10 })).status).toBe(200);
    for (const id of accounts)
      expect((await system.post(`/accounts/${id}/deposits`, { amount: 500 })).status).toBe(200);
    for (const [i, customerId] of accounts.entries()) {
      const placed = await system.post('/orders', {
        customerId,
        items: [{ sku: skus[i]!, quantity: 2, unitPrice: 50 }],
      });
      expect(placed.status).toBe(201);
      orders.push(placed.body.orderId as string);
    }
    await system.settle();
    answersBefore = await answers();
    await new Promise((resolve) => setTimeout(resolve, 20));
    beforeLoad = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }, 120_000);
  afterAll(() => system.stop());

  it('rebuilds and cuts over every read model under load, answering the same with no failed request', async () => {
    const load = startLoad(system);
    try {
      for (const name of names) {
        const ops = await projectionOps(name, false);
        const version = await rebuildProjection({ ...ops, pollMs: 200 });
        expect(version.version).toBe(2);
        const record = await cutoverProjection(ops);
        expect(record.versions.map((v) => [v.version, v.state])).toEqual([
          [1, 'retired'],
          [2, 'live'],
        ]);
        // Queries pick the live table up within the registry's cache age.
        await new Promise((resolve) => setTimeout(resolve, 1_200));
      }
    } finally {
      await load.stop();
    }
    expect(load.failures).toEqual([]);
    expect(load.requests).toBeGreaterThan(50);
    await system.settle();
    expect(await answers()).toEqual(answersBefore);
    // Read your writes held across the cutover, through the live version.
    for (const [id, balance] of load.balances) {
      expect((await system.get(`/accounts/${id}`)).body).toMatchObject({ balance });
    }
    for (const { type, report } of await verifyTypes(['order', 'inventory', 'account'])) {
      expect({ type, mismatches: report.mismatches }).toEqual({ type, mismatches: [] });
    }
  }, 240_000);

  it('drops the retired version: its table goes, queries go on from the live one', async () => {
    const ops = await projectionOps('accountViews', false);
    const v1 = (await currentVersions(ops.registry, 'accountViews', ops.naming)).versions[0]!;
    await changeVersions(ops.registry, 'accountViews', ops.naming, (current) => dropVersion(current, 1));
    const dynamo = testDynamo();
    await waitFor(async () => {
      const gone = await dynamo.send(new DescribeTableCommand({ TableName: v1.table })).then(
        () => false,
        (error: { name?: string }) => error.name === 'ResourceNotFoundException',
      );
      return gone;
    });
    dynamo.destroy();
    expect((await system.get(`/accounts/${accounts[0]}`)).body).toEqual(
      answersBefore.get(`/accounts/${accounts[0]}`),
    );
  }, 60_000);

  it('builds a frozen copy as of an instant in its own table, never cut over', async () => {
    const ops = await projectionOps('accountViews', false);
    const frozen = await rebuildProjection({
      ...ops,
      until: beforeLoad,
      endOffsets: () => endOffsets('accountViews'),
      pollMs: 200,
    });
    const record = await currentVersions(ops.registry, 'accountViews', ops.naming);
    expect(record.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'live'],
      [3, 'frozen'],
    ]);
    const dynamo = testDynamo();
    const copy = new DynamoSnapshotStore<{ balance: number }>({ client: dynamo, tableName: frozen.table });
    const seeded = await copy.getMany(accounts);
    // As of the instant: the deposits and payments before it, none of the load's accounts after it.
    for (const id of accounts) {
      expect(seeded.get(id)?.doc.balance).toBe(
        (answersBefore.get(`/accounts/${id}`) as { balance: number }).balance,
      );
    }
    expect((await copy.getMany(['load-0', 'load-1'].map((suffix) => `${accounts[0]}-${suffix}`))).size).toBe(
      0,
    );
    dynamo.destroy();
    await expect(cutoverProjection({ ...ops, version: 3 })).rejects.toThrow(/frozen, not ready or retired/);
  }, 120_000);

  /** Deposits on the load's own accounts and reads of everything, until stopped; every reply checked. */
  function startLoad(on: LocalSystem) {
    const failures: string[] = [];
    const balances = new Map<string, number>();
    let requests = 0;
    let running = true;
    const check = (what: string, reply: Reply, ok: number) => {
      requests++;
      if (reply.status !== ok) failures.push(`${what}: ${reply.status} ${reply.text}`);
    };
    const loop = async (worker: number) => {
      const id = `${accounts[0]}-load-${worker}`;
      for (let round = 1; running; round++) {
        const deposit = await on.post(`/accounts/${id}/deposits`, { amount: 1 });
        check(`deposit ${id}`, deposit, 200);
        balances.set(id, round);
        const version = deposit.body.version as number;
        check(`read ${id} at ${version}`, await on.get(`/accounts/${id}?minVersion=${version}`), 200);
        const path = routes()[round % routes().length]!;
        const reply = await on.get(path);
        check(`read ${path}`, reply, 200);
        if (JSON.stringify(reply.body) !== JSON.stringify(answersBefore.get(path)))
          failures.push(`${path} answered ${reply.text}`);
      }
    };
    const workers = [0, 1].map((worker) => loop(worker));
    return {
      failures,
      balances,
      get requests() {
        return requests;
      },
      stop: async () => {
        running = false;
        await Promise.all(workers);
      },
    };
  }
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
