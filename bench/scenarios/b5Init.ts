import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Recorder } from '../scenario';
import { median } from '../stats';
import { initTime } from '../support/spawnInit';
import { ROOT, type Built, type BuiltFunction } from './b5Build';

/** Spawns per function, variant and run: enough for a median on a machine other work shares. */
export const SAMPLES_PER_RUN = 7;

/** The Node of Lambda's nodejs22.x runtime: the `node` devDependency, else this process's. */
const DEV_NODE = path.join(ROOT, 'node_modules', 'node', 'bin', 'node');
export const NODE_22 = existsSync(DEV_NODE) ? DEV_NODE : process.execPath;

export const node22Version = () => execFileSync(NODE_22, ['--version'], { encoding: 'utf8' }).trim();

export const VARIANTS = ['deployed', 'own', 'unbundled'] as const;
export type Variant = (typeof VARIANTS)[number];
export type InitTimes = Map<string, Record<Variant, number[]>>;

/**
 * Lambda's view of a function: the template's variables (NODE_OPTIONS=--enable-source-maps among
 * them), the region and name Lambda sets, NODE_PATH with the runtime's SDK only, and no PATH.
 */
export function lambdaEnvironment(f: BuiltFunction, runtimeModules: string): NodeJS.ProcessEnv {
  return { ...f.env, AWS_REGION: 'eu-west-1', AWS_LAMBDA_FUNCTION_NAME: f.name, NODE_PATH: runtimeModules };
}

async function sample(f: BuiltFunction, variant: Variant, built: Built): Promise<number> {
  const env = lambdaEnvironment(f, built.runtimeModules);
  const options = { node: NODE_22, cwd: f.dir };
  const result =
    variant === 'deployed'
      ? await initTime(path.join(f.dir, `${f.file}.js`), env, options)
      : variant === 'own'
        ? await initTime(path.join(f.dir, `${f.file}.js`), env, { ...options, preload: f.externals })
        : // The unbundled sources resolve their packages from node_modules, as before bundling.
          await initTime(f.unbundled, { ...env, NODE_PATH: '' }, { node: NODE_22, cwd: ROOT });
  if (!result.node.startsWith('v22.')) throw new Error(`init measured on Node ${result.node}, not 22`);
  return result.ms;
}

/**
 * One run: every function, `samples` times, in rounds, so that a burst of other work on the machine
 * lands on every function alike; within a round the variants take turns at going first.
 */
export async function measureInit(built: Built, samples: number, times?: InitTimes): Promise<InitTimes> {
  const run: InitTimes = new Map(
    built.functions.map((f) => [f.name, { deployed: [], own: [], unbundled: [] }]),
  );
  for (let round = 0; round < samples; round += 1) {
    for (const f of built.functions) {
      for (let turn = 0; turn < VARIANTS.length; turn += 1) {
        const variant = VARIANTS[(round + turn) % VARIANTS.length]!;
        const ms = await sample(f, variant, built);
        run.get(f.name)![variant].push(ms);
        times?.get(f.name)![variant].push(ms);
      }
    }
  }
  return run;
}

/** A run's medians: per variant over functions (of each function's median), and of the speed-ups. */
export function recordInit(run: InitTimes, built: Built, recorder: Recorder): void {
  const per = (variant: Variant) => built.functions.map((f) => median(run.get(f.name)![variant]));
  const [deployed, own, unbundled] = VARIANTS.map(per) as [number[], number[], number[]];
  recorder.record(
    'init.deployed',
    'init of the zipped bundle, median over functions',
    'ms',
    median(deployed),
  );
  for (const kind of ['query', 'projection', 'command', 'reactor'] as const) {
    const ofKind = deployed.filter((_, i) => built.functions[i]!.kind === kind);
    recorder.record(
      `init.${kind}`,
      `init of the zipped bundle, ${kind} functions (median)`,
      'ms',
      median(ofKind),
    );
  }
  recorder.record(
    'init.own',
    'init with the runtime SDK preloaded, median over functions',
    'ms',
    median(own),
  );
  recorder.record('init.unbundled', 'init unbundled, median over functions', 'ms', median(unbundled));
  const ratios = unbundled.map((ms, i) => ms / deployed[i]!);
  recorder.record(
    'init.ratio',
    'speed-up (unbundled / zipped bundle), median over functions',
    '×',
    median(ratios),
  );
  recorder.record('init.minRatio', 'speed-up, slowest function', '×', Math.min(...ratios));
  const sdkShares = own.map((ms, i) => 1 - ms / deployed[i]!);
  recorder.record(
    'init.sdkShare',
    'share of init spent loading the runtime SDK (median)',
    '%',
    100 * median(sdkShares),
  );
}
