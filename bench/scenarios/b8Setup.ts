import { startRuntime, type LocalRuntime } from '../../infra/local/runtime/startRuntime';
import { functions } from '../../infra/topology';
import { Recorder, type Metric, type ScenarioContext } from '../scenario';
import { percentile } from '../stats';
import { placeAndAwaitPayment, seedSaga, statsByRole, type SagaSample } from '../support/sagaOrders';

// B8's measurement of one set of windows. Each runs in a process of its own (b8Child.ts): the
// handlers keep their clients and table names at module scope, so a process holds one runtime.

export const SKUS = Array.from({ length: 8 }, (_, i) => `sku-${i}`);
export const CUSTOMERS = Array.from({ length: 4 }, (_, i) => `c-${i}`);
const WARM_UP = 10;

/**
 * The windows compared: the topology's (what `npm start` and a deployment run) and the previous
 * 1 s on every mapping. The old one takes ~3.4 s an order, so it gets fewer of them.
 */
export const SETUPS = [
  { key: 'now', label: 'topology windows', override: undefined, sequential: 200, callers: 4, perCaller: 50 },
  { key: 'old', label: '1 s on every mapping', override: 1, sequential: 20, callers: 4, perCaller: 5 },
] as const;

export type Setup = (typeof SETUPS)[number];
type Phase = 'sequential' | 'concurrent';

async function phase(runtime: LocalRuntime, setup: Setup, which: Phase): Promise<SagaSample[]> {
  const order = (i: number) =>
    placeAndAwaitPayment(runtime.url, CUSTOMERS[i % CUSTOMERS.length]!, SKUS[i % SKUS.length]!);
  const samples: SagaSample[] = [];
  if (which === 'sequential') {
    for (let i = 0; i < setup.sequential; i += 1) samples.push(await order(i));
    return samples;
  }
  await Promise.all(
    Array.from({ length: setup.callers }, async (_, caller) => {
      for (let i = 0; i < setup.perCaller; i += 1) samples.push(await order(caller + i * setup.callers));
    }),
  );
  return samples;
}

function record(recorder: Recorder, setup: Setup, which: Phase, samples: SagaSample[]) {
  const key = `${setup.key}.${which}`;
  const at = `${setup.label}, ${which}`;
  const latencies = samples.map((s) => s.paymentMs);
  for (const p of [50, 95, 99])
    recorder.record(`${key}.p${p}`, `${at}: 201 → PAYMENT readable p${p}`, 'ms', percentile(latencies, p));
  recorder.record(
    `${key}.command`,
    `${at}: POST /orders p50`,
    'ms',
    percentile(
      samples.map((s) => s.commandMs),
      50,
    ),
  );
  const retries = samples.reduce((sum, s) => sum + s.retries, 0);
  recorder.record(
    `${key}.retries`,
    `${at}: 503s (minVersion waited 2 s)`,
    'per 100 orders',
    (100 * retries) / samples.length,
  );
}

interface Measuring {
  readonly runtime: LocalRuntime;
  readonly setup: Setup;
  readonly recorder: Recorder;
  /** Rows of the invocations table, filled by the first measured run. */
  readonly rows: string[][] | undefined;
  readonly log: (line: string) => void;
}

/** One phase: its orders, then (once every consumer is idle) its invocations per event by role. */
async function measurePhase({ runtime, setup, recorder, rows, log }: Measuring, which: Phase) {
  const before = runtime.consumerStats();
  const samples = await phase(runtime, setup, which);
  await runtime.waitUntilIdle(60_000);
  const roles = statsByRole(functions, before, runtime.consumerStats());
  record(recorder, setup, which, samples);
  for (const [role, { invocations, records }] of Object.entries(roles)) {
    const perEvent = invocations / Math.max(1, records);
    const label = `${setup.label}, ${which}: ${role} invocations per event`;
    recorder.record(`${setup.key}.${which}.${role}`, label, 'invocations', perEvent);
    rows?.push([setup.label, which, role, String(invocations), String(records), perEvent.toFixed(2)]);
  }
  const p50 = percentile(
    samples.map((s) => s.paymentMs),
    50,
  );
  log(`  ${setup.label}, ${which}: PAYMENT readable p50 ${p50.toFixed(0)} ms`);
}

/** One setup on a runtime of its own: seed, warm up, then each phase of each run. */
async function measure(context: ScenarioContext, setup: Setup, recorder: Recorder, rows: string[][]) {
  const runtime = await startRuntime({
    kafkaBrokers: context.kafkaBrokers,
    dynamoEndpoint: context.dynamoEndpoint,
    namePrefix: `bench-${context.runId}-b8-${setup.key}`,
    ...(setup.override === undefined ? {} : { batchingWindowSeconds: setup.override }),
    log: () => undefined,
  });
  try {
    await seedSaga(runtime.url, SKUS, CUSTOMERS);
    for (let i = 0; i < WARM_UP; i += 1) await placeAndAwaitPayment(runtime.url, CUSTOMERS[0]!, SKUS[0]!);
    await runtime.waitUntilIdle(60_000);
    for (let run = 1; run <= context.runs; run += 1) {
      const measuring = { runtime, setup, recorder, rows: run === 1 ? rows : undefined, log: context.log };
      await measurePhase(measuring, 'sequential');
      await measurePhase(measuring, 'concurrent');
    }
  } finally {
    await runtime.stop();
  }
}

/** What one set of windows measured: its metrics and its rows of the invocations table. */
export interface SetupResult {
  readonly metrics: Metric[];
  readonly rows: string[][];
}

export async function measureSetup(context: ScenarioContext, key: Setup['key']): Promise<SetupResult> {
  const setup = SETUPS.find((each) => each.key === key)!;
  const recorder = new Recorder();
  const rows: string[][] = [];
  const restore = quietConsole();
  try {
    await measure(context, setup, recorder, rows);
  } finally {
    restore();
  }
  return { metrics: recorder.list(), rows };
}

/** The runtime's batch lines go to its log (dropped); kafkajs's warnings and retried errors to the console. */
function quietConsole(): () => void {
  const { log, warn, error } = console;
  const keep =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] !== 'string' || !args[0].startsWith('{"level"')) original(...args);
    };
  console.log = keep(log);
  console.warn = keep(warn);
  console.error = keep(error);
  return () => Object.assign(console, { log, warn, error });
}
