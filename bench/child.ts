import { scenarioById } from './scenarios';
import type { ScenarioContext } from './scenario';

// One scenario per process: a fresh module cache (handlers keep clients at module scope), its own
// environment (the local runtime writes process.env) and no DynamoDB emulator on its event loop.
async function main(): Promise<void> {
  // The bench parent went away (crash, kill): do not outlive it.
  process.on('disconnect', () => process.exit(1));
  const id = process.argv[2] ?? '';
  const scenario = scenarioById(id);
  const context = JSON.parse(process.env.BENCH_CONTEXT ?? '{}') as Omit<ScenarioContext, 'log'>;
  const log = (line: string) => console.log(`  [${id}] ${line}`);
  const outcome = await scenario.run({ ...context, log });
  await new Promise<void>((resolve, reject) =>
    process.send!({ outcome }, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
