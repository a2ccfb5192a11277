import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { recordStack } from '../../../infra/local/stackRecord';
import { startLocalSystem, type LocalSystem } from '../support/localSystem';
import { linkedServiceDir, withoutAwsVariables } from '../support/serviceDir';

// `npx serverless invoke local --stage local -f <fn> -p events/<fn>.json` beside a running local
// system, one function of each kind, each with the example event of events/. The system is started
// as npm start starts it and records its variables as npm start does, in a file of this test's
// (LOCAL_STACK_RECORD). Every invoke bundles its function with esbuild and starts osls, 5 to 13 s
// on two busy cores: hence one function per kind. No AWS_* variable reaches the child: no account.

const root = resolve(__dirname, '../../..');
const INVOKE_TIMEOUT_MS = 60_000;
jest.setTimeout(INVOKE_TIMEOUT_MS + 30_000);
let system: LocalSystem;
let service: Awaited<ReturnType<typeof linkedServiceDir>>;
let recordDir: string;

/** What invoke local printed last: the handler's result, pretty-printed (`{` alone on a line). */
function resultOf(stdout: string): Record<string, unknown> {
  const start = stdout.search(/^\{$(?![\s\S]*^\{$)/m);
  if (start < 0) throw new Error(`no result in the output of invoke local:\n${stdout}`);
  return JSON.parse(stdout.slice(start)) as Record<string, unknown>;
}

async function invoke(fn: string): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(
    'npx',
    ['serverless', 'invoke', 'local', '--stage', 'local', '-f', fn, '-p', `events/${fn}.json`],
    {
      cwd: service.dir,
      env: { ...withoutAwsVariables(), LOCAL_STACK_RECORD: join(recordDir, 'stack.json') },
      timeout: INVOKE_TIMEOUT_MS,
    },
  );
  return resultOf(stdout);
}

/** An HTTP function's result: status and parsed body. */
async function invokeHttp(fn: string) {
  const result = await invoke(fn);
  return { status: result.statusCode, body: JSON.parse(result.body as string) as Record<string, unknown> };
}

beforeAll(async () => {
  system = await startLocalSystem();
  recordDir = await mkdtemp(join(tmpdir(), 'invoke-local-'));
  recordStack(system.runtime.environment, join(recordDir, 'stack.json'));
  service = await linkedServiceDir(root, 'invoke-local-');
}, 60_000);

afterAll(async () => {
  await system?.stop();
  await service?.remove();
  if (recordDir) await rm(recordDir, { recursive: true, force: true });
});

describe('serverless invoke local --stage local, against the running local system', () => {
  it('runs a command: the restock is decided, appended to Kafka and projected', async () => {
    expect(await invokeHttp('restockInventory')).toEqual({
      status: 200,
      body: { sku: 'sku-1', available: 10, reserved: 0, version: 1 },
    });
    await system.settle();
    expect((await system.get('/inventory/sku-1')).body).toMatchObject({ available: 10, version: 1 });
  });

  it('runs a query: the read model the system projected', async () => {
    expect(await invokeHttp('getInventory')).toMatchObject({
      status: 200,
      body: { sku: 'sku-1', available: 10, version: 1 },
    });
  });

  it("runs a history query: the sku's events, read back from Kafka", async () => {
    const { status, body } = await invokeHttp('getInventoryEvents');
    expect(status).toBe(200);
    expect(body.events).toEqual([expect.objectContaining({ type: expect.stringContaining('Restocked') })]);
  });

  it('runs a public route', async () => {
    expect(await invokeHttp('health')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it("runs a projection on an MSK event: c-1's deposit reaches the account view", async () => {
    expect(await invoke('projectAccounts')).toMatchObject({ records: 1, applied: 1, poison: 0, parked: 0 });
    expect((await system.get('/accounts/c-1')).body).toMatchObject({ balance: 5000, version: 1 });
  });

  it('runs a reactor on an MSK event: an order placed reserves its line of stock', async () => {
    expect(await invoke('inventoryReactsToOrders')).toMatchObject({ records: 1, commands: 1, rejected: 0 });
    const stock = await system.get('/inventory/sku-1?minVersion=2');
    expect(stock.body).toMatchObject({ available: 8, reserved: 2, version: 2 });
  });

  it('runs an indexer on an MSK event', async () => {
    expect(await invoke('indexPayments')).toMatchObject({ records: 1, indexed: 1 });
  });

  it('runs the scheduled recovery: nothing is pending', async () => {
    expect(await invoke('recoverPending')).toEqual({ found: 0, published: 0, failed: 0 });
  });
});
