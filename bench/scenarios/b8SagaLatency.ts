import { fork } from 'node:child_process';
import path from 'node:path';
import { functions } from '../../infra/topology';
import type { DetailTable, Scenario, ScenarioContext } from '../scenario';
import { roleOf } from '../support/sagaOrders';
import { b8Notes } from './b8Notes';
import { CUSTOMERS, SETUPS, SKUS, type Setup, type SetupResult } from './b8Setup';

/** One set of windows in a fresh process (b8Child.ts), as bench/runChild.ts runs a scenario. */
function inChild(context: ScenarioContext, key: Setup['key']): Promise<SetupResult> {
  const { log, ...serializable } = context;
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'b8Child.ts'), [key], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_CONTEXT: JSON.stringify(serializable) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: SetupResult | undefined;
    child.on('message', (message: { result?: SetupResult; log?: string }) => {
      if (message.log) log(message.log);
      result = message.result ?? result;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      result ? resolve(result) : reject(new Error(`B8 ${key} exited with ${signal ?? `code ${code}`}`)),
    );
  });
}

function windowsOfTopology(): string {
  const byRole = new Map<string, number>();
  for (const spec of functions.filter((each) => each.msk))
    byRole.set(roleOf(spec), spec.msk!.maximumBatchingWindow);
  return [...byRole].map(([role, seconds]) => `${role} ${seconds} s`).join(', ');
}

export const b8SagaLatency: Scenario = {
  id: 'B8',
  title: 'Saga latency: an order placed → readable in PAYMENT, through the HTTP API',
  defaultRuns: 1,
  async run(context) {
    const results: SetupResult[] = [];
    for (const setup of SETUPS) {
      context.log(setup.label);
      results.push(await inChild(context, setup.key));
    }
    const metrics = results.flatMap((result) => result.metrics);
    const rows = results.flatMap((result) => result.rows);
    const tables: DetailTable[] = [
      {
        title: 'Invocations per event, by role (first measured run; redrive mappings left out)',
        columns: ['windows', 'phase', 'role', 'invocations', 'events', 'invocations / event'],
        rows,
      },
    ];
    return {
      settings: {
        'topology windows': windowsOfTopology(),
        'orders (topology windows)': `${SETUPS[0].sequential} one after another, then ${SETUPS[0].callers} callers × ${SETUPS[0].perCaller}`,
        'orders (1 s windows)': `${SETUPS[1].sequential} one after another, then ${SETUPS[1].callers} callers × ${SETUPS[1].perCaller}`,
        order: `one line, ${SKUS.length} skus in stock, ${CUSTOMERS.length} customers with funds`,
        read: 'GET /orders/{id}?minVersion=3 (waits ≤ 2 s, 503 asked again at once)',
      },
      metrics,
      targets: [
        {
          label: 'topology windows, sequential: PAYMENT readable p50 ≤ 300 ms',
          metric: 'now.sequential.p50',
          op: '<=',
          limit: 300,
        },
        {
          label: 'topology windows, sequential: PAYMENT readable p95 ≤ 1 s',
          metric: 'now.sequential.p95',
          op: '<=',
          limit: 1000,
        },
        {
          label: 'topology windows, 4 callers: PAYMENT readable p50 ≤ 300 ms',
          metric: 'now.concurrent.p50',
          op: '<=',
          limit: 300,
        },
        {
          label: 'topology windows, 4 callers: PAYMENT readable p95 ≤ 1 s',
          metric: 'now.concurrent.p95',
          op: '<=',
          limit: 1000,
        },
      ],
      notes: b8Notes(metrics),
      tables,
    };
  },
};
