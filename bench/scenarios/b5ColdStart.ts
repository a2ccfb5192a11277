import { localEnvironment, localNames } from '../../infra/local/runtime/localNames';
import { formatNumber } from '../report';
import { Recorder, type DetailTable, type Scenario } from '../scenario';
import { median } from '../stats';
import { connectionsAtImport, initTime } from '../support/spawnInit';
import { SIZE_LIMITS, buildFunctions, type BuiltFunction, type FunctionKind } from './b5Build';
import { b5Notes } from './b5Notes';
import { compositionTable, recordComposition } from './b5Composition';
import { measureOwnInit } from './b5OwnInit';

/** What functions/platform/config.ts requires, pointing nowhere: importing must not connect anyway. */
function dummyEnvironment(name: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    ...localEnvironment(localNames(), {
      kafkaBrokers: ['127.0.0.1:9'],
      dynamoEndpoint: 'http://127.0.0.1:9',
    }),
    AWS_LAMBDA_FUNCTION_NAME: name,
  };
}

const kb = (bytes: number) => bytes / 1024;

function largest(built: readonly BuiltFunction[], kind: FunctionKind): number {
  return Math.max(...built.filter((f) => f.kind === kind).map((f) => f.bytes));
}

function functionTable(
  built: readonly BuiltFunction[],
  times: Map<string, { bundled: number[]; unbundled: number[] }>,
  connections: Map<string, string[]>,
): DetailTable {
  const rows = built.map((f) => {
    const t = times.get(f.spec.name)!;
    const limit = SIZE_LIMITS[f.kind];
    return [
      f.spec.name,
      f.kind,
      formatNumber(kb(f.bytes)),
      limit ? `${kb(limit)}` : '—',
      formatNumber(kb(f.serverlessBytes)),
      formatNumber(median(t.bundled)),
      formatNumber(median(t.unbundled)),
      `${formatNumber(median(t.unbundled) / median(t.bundled))}×`,
      f.parts
        .slice(0, 4)
        .map((input) => `${input.name} ${Math.round(kb(input.bytes))}`)
        .join(', '),
      connections.get(f.spec.name)?.join('; ') || 'none',
    ];
  });
  return {
    title: 'Per function (sizes in KB; init = median ms of require() in a fresh process)',
    columns: [
      'function',
      'kind',
      'bundle KB',
      'limit KB',
      'serverless.yml build KB',
      'init bundled ms',
      'init unbundled ms',
      'speed-up',
      'largest parts (KB)',
      'connects at import',
    ],
    rows,
  };
}

export const b5ColdStart: Scenario = {
  id: 'B5',
  title: 'Cold start: bundle sizes and module initialisation, bundled vs unbundled',
  defaultRuns: 5,
  async run(context) {
    const built = await buildFunctions();
    context.log(`built ${built.length} functions`);
    const times = new Map(
      built.map((f) => [f.spec.name, { bundled: [] as number[], unbundled: [] as number[] }]),
    );
    const recorder = new Recorder();
    for (let run = 0; run <= context.runs; run += 1) {
      context.log(run === 0 ? 'warm-up' : `run ${run}/${context.runs}`);
      const perRun = { bundled: [] as number[], unbundled: [] as number[], ratio: [] as number[] };
      for (const f of built) {
        const env = dummyEnvironment(f.spec.name);
        // Alternate the order so neither variant always follows the other.
        const first = run % 2 === 0 ? f.bundle : f.unbundled;
        const a = await initTime(first, env);
        const b = await initTime(first === f.bundle ? f.unbundled : f.bundle, env);
        const [bundled, unbundled] = first === f.bundle ? [a, b] : [b, a];
        if (run === 0) continue;
        times.get(f.spec.name)!.bundled.push(bundled);
        times.get(f.spec.name)!.unbundled.push(unbundled);
        perRun.bundled.push(bundled);
        perRun.unbundled.push(unbundled);
        perRun.ratio.push(unbundled / bundled);
      }
      if (run === 0) continue;
      recorder.record('init.bundled', 'init bundled, median over functions', 'ms', median(perRun.bundled));
      recorder.record(
        'init.unbundled',
        'init unbundled, median over functions',
        'ms',
        median(perRun.unbundled),
      );
      recorder.record(
        'init.ratio',
        'speed-up (unbundled / bundled), median over functions',
        '×',
        median(perRun.ratio),
      );
      recorder.record('init.minRatio', 'speed-up, slowest function', '×', Math.min(...perRun.ratio));
    }
    context.log('own code: the runtime SDK preloaded');
    await measureOwnInit(built, context.runs, dummyEnvironment, recorder);
    recordComposition(built, recorder);
    const connections = new Map<string, string[]>();
    for (const f of built)
      connections.set(f.spec.name, await connectionsAtImport(f.bundle, dummyEnvironment(f.spec.name)));
    for (const kind of ['query', 'projection', 'command', 'reactor', 'scheduled'] as const) {
      recorder.record(`size.${kind}`, `largest ${kind} bundle`, 'KB', kb(largest(built, kind)));
    }
    const connecting = [...connections].filter(([, seen]) => seen.length > 0).length;
    recorder.record('connects', 'functions that connect at import', 'functions', connecting);
    const metrics = recorder.list();
    return {
      settings: {
        functions: built.length,
        esbuild: 'bundle, minify, platform node, target node22, cjs; external `@aws-sdk/*`, `@smithy/*`',
        unbundled: 'every source transpiled alone (esbuild), packages from node_modules',
      },
      metrics,
      targets: [
        { label: 'query bundles ≤ 150 KB', metric: 'size.query', op: '<=', limit: 150 },
        { label: 'projection bundles ≤ 250 KB', metric: 'size.projection', op: '<=', limit: 250 },
        { label: 'command bundles ≤ 400 KB', metric: 'size.command', op: '<=', limit: 400 },
        {
          label: 'bundled init ≥ 2 × faster (median over functions)',
          metric: 'init.ratio',
          op: '>=',
          limit: 2,
        },
        { label: 'no function connects at import', metric: 'connects', op: '<=', limit: 0 },
      ],
      notes: b5Notes(metrics, built),
      tables: [functionTable(built, times, connections), compositionTable(built)],
    };
  },
};
