import { randomBytes } from 'node:crypto';
import { startLocalStack, type LocalStack } from '../infra/local/localStack';
import { machineFacts } from './machine';
import { evaluate, failed, printReport, writeMarkdown, writeResultsJson, type BenchReport } from './report';
import { runScenarioChild, stopCurrentChild } from './runChild';
import type { ScenarioResult } from './scenario';
import { scenarios } from './scenarios';

interface Args {
  only?: string[];
  runs?: number;
  /** With --only: replace just those scenarios in docs/BENCHMARKS.md. */
  writeDocs?: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {};
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i]!.split('=', 2);
    const value = inline ?? argv[i + 1];
    if (flag === '--write-docs') {
      args.writeDocs = true;
    } else if (flag === '--only' || flag === '--runs') {
      if (inline === undefined) i += 1;
      if (flag === '--only') args.only = (value ?? '').toUpperCase().split(',').filter(Boolean);
      else args.runs = Number(value);
    } else {
      throw new Error(`unknown argument ${argv[i]}; use --only B1,B3 [--write-docs] and/or --runs N`);
    }
  }
  return args;
}

/**
 * Ctrl-C or SIGTERM, at any point: stops the scenario running, keeps the next one from starting and
 * stops the stack (once it exists; a broker still starting is killed by its exit hook).
 */
function interruptible() {
  let stopped: Promise<void> | undefined;
  const state = {
    interrupted: false,
    stack: undefined as LocalStack | undefined,
    stop: () => (stopped ??= state.stack?.stop() ?? Promise.resolve()),
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the scenario and the local stack`);
    state.interrupted = true;
    stopCurrentChild();
    void state.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return state;
}

// dynalite accepts any credentials; the SDK insists on having some.
const LOCAL_AWS = { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

async function main(): Promise<void> {
  for (const [name, value] of Object.entries(LOCAL_AWS)) process.env[name] ??= value;
  const args = parseArgs(process.argv.slice(2));
  const selected = scenarios.filter((s) => !args.only || args.only.includes(s.id));
  if (selected.length === 0) throw new Error(`no scenario matches --only ${args.only?.join(',')}`);
  const facts = machineFacts();
  const started = Date.now();
  const guarded = interruptible();
  const stack = await startLocalStack({ log: (line) => console.log(line) });
  guarded.stack = stack;
  const results: ScenarioResult[] = [];
  const runId = randomBytes(3).toString('hex');
  try {
    for (const scenario of selected) {
      if (guarded.interrupted) return;
      console.log(`\n${scenario.id} ${scenario.title}`);
      const scenarioStarted = Date.now();
      const runs = args.runs ?? scenario.defaultRuns;
      const context = { kafkaBrokers: stack.kafkaBrokers, dynamoEndpoint: stack.dynamoEndpoint, runs, runId };
      try {
        const outcome = await runScenarioChild(scenario.id, context);
        results.push(evaluate(scenario, outcome, Date.now() - scenarioStarted));
      } catch (error) {
        console.error(error);
        results.push(failed(scenario, error, Date.now() - scenarioStarted));
      }
    }
  } finally {
    await guarded.stop();
  }
  const report: BenchReport = {
    facts,
    args: process.argv.slice(2),
    durationMs: Date.now() - started,
    results,
  };
  printReport(report);
  writeResultsJson(report);
  // The committed document describes a whole run; a partial one replaces its scenarios only when
  // asked, and their sections then name the run they come from.
  if (!args.only || args.only.length === scenarios.length) await writeMarkdown(report);
  else if (args.writeDocs) await writeMarkdown(report, true);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
