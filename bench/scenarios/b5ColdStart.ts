import os from 'node:os';
import { ZIP_LIMITS, type FunctionKind } from '../../infra/aws/bundleLimits';
import { formatNumber } from '../report';
import { Recorder, type DetailTable, type Scenario, type Target } from '../scenario';
import { median } from '../stats';
import { connectionsAtImport } from '../support/spawnInit';
import { buildFunctions, type Built, type BuiltFunction } from './b5Build';
import { compositionTable, recordComposition } from './b5Composition';
import {
  NODE_22,
  SAMPLES_PER_RUN,
  lambdaEnvironment,
  measureInit,
  node22Version,
  recordInit,
  type InitTimes,
} from './b5Init';
import { b5Notes } from './b5Notes';

const KINDS = [
  'query',
  'projection',
  'command',
  'reactor',
  'scheduled',
] as const satisfies readonly FunctionKind[];
const kb = (bytes: number) => bytes / 1024;

function largest(built: Built, kind: FunctionKind, bytes: (f: BuiltFunction) => number): number {
  return Math.max(...built.functions.filter((f) => f.kind === kind).map(bytes));
}

function functionTable(built: Built, times: InitTimes, connections: Map<string, string[]>): DetailTable {
  const rows = built.functions.map((f) => {
    const t = times.get(f.name)!;
    return [
      f.name,
      f.kind,
      formatNumber(kb(f.zipBytes)),
      `${kb(f.limit)}`,
      formatNumber(kb(f.bundleBytes)),
      formatNumber(kb(f.mapBytes)),
      formatNumber(median(t.deployed)),
      formatNumber(median(t.own)),
      formatNumber(median(t.unbundled)),
      f.parts
        .slice(0, 4)
        .map((input) => `${input.name} ${Math.round(kb(input.bytes))}`)
        .join(', '),
      connections.get(f.name)?.join('; ') || 'none',
    ];
  });
  return {
    title:
      'Per function: the zips `serverless package` writes (KB) and the init of the bundle inside (median ms of require() in a fresh Node 22)',
    columns: [
      'function',
      'kind',
      'zip KB',
      'limit KB',
      'bundle KB',
      'map KB',
      'init ms',
      'init, SDK preloaded ms',
      'init unbundled ms',
      'largest parts (KB, unzipped)',
      'connects at import',
    ],
    rows,
  };
}

const targets: Target[] = [
  ...KINDS.map((kind) => ({
    label: `${kind} zips ≤ ${kb(ZIP_LIMITS[kind])} KB`,
    metric: `size.${kind}`,
    op: '<=' as const,
    limit: kb(ZIP_LIMITS[kind]),
  })),
  { label: 'bundled init ≥ 2 × faster (median over functions)', metric: 'init.ratio', op: '>=', limit: 2 },
  { label: 'no function connects at import', metric: 'connects', op: '<=', limit: 0 },
];

export const b5ColdStart: Scenario = {
  id: 'B5',
  title: 'Cold start: the zips `serverless package` writes, and the init of their bundles',
  defaultRuns: 3,
  async run(context) {
    const built = await buildFunctions();
    context.log(`packaged ${built.functions.length} functions`);
    const times: InitTimes = new Map(
      built.functions.map((f) => [f.name, { deployed: [], own: [], unbundled: [] }]),
    );
    const recorder = new Recorder();
    context.log('warm-up');
    await measureInit(built, 1);
    for (let run = 1; run <= context.runs; run += 1) {
      context.log(`run ${run}/${context.runs}: ${SAMPLES_PER_RUN} samples per function and variant`);
      recordInit(await measureInit(built, SAMPLES_PER_RUN, times), built, recorder);
      recorder.record('load', '1-minute load average at the end of the run', 'processes', os.loadavg()[0]!);
    }
    recordComposition(built.functions, recorder);
    const connections = new Map<string, string[]>();
    for (const f of built.functions) {
      const file = `${f.dir}/${f.file}.js`;
      const env = lambdaEnvironment(f, built.runtimeModules);
      connections.set(f.name, await connectionsAtImport(file, env, { node: NODE_22, cwd: f.dir }));
    }
    for (const kind of KINDS) {
      recorder.record(
        `size.${kind}`,
        `largest ${kind} zip`,
        'KB',
        kb(largest(built, kind, (f) => f.zipBytes)),
      );
      recorder.record(
        `unzipped.${kind}`,
        `largest ${kind} bundle, unzipped`,
        'KB',
        kb(largest(built, kind, (f) => f.bundleBytes)),
      );
    }
    const connecting = [...connections].filter(([, seen]) => seen.length > 0).length;
    recorder.record('connects', 'functions that connect at import', 'functions', connecting);
    const metrics = recorder.list();
    return {
      settings: {
        zips: `${built.functions.length} (26 functions and the topics custom resource)`,
        packaging:
          '`serverless package --stage test`, offline, in a service directory of its own (as the packaging test)',
        init: `require() of the unzipped bundle in a fresh Node ${node22Version()} process, NODE_PATH = \`@aws-sdk\` + \`@smithy\` only, the template's environment (NODE_OPTIONS=--enable-source-maps); ${SAMPLES_PER_RUN} samples per function, variant and run`,
        composition: `esbuild metafile with serverless.yml's options; same bytes as the zip for ${built.functions.filter((f) => f.sameAsZip).length} of ${built.functions.length}`,
        machine: `${os.cpus().length} cores, shared`,
      },
      metrics,
      targets,
      notes: b5Notes(metrics, built, times),
      tables: [functionTable(built, times, connections), compositionTable(built.functions)],
    };
  },
};
