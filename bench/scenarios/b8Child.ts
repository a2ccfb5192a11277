import type { ScenarioContext } from '../scenario';
import { measureSetup, type Setup } from './b8Setup';

// The process of one of B8's sets of windows (b8SagaLatency.ts forks it): a fresh module cache
// and environment for its runtime. Lines and the result go back to the parent over IPC.
async function main(): Promise<void> {
  process.on('disconnect', () => process.exit(1));
  const key = process.argv[2] as Setup['key'];
  const context = JSON.parse(process.env.BENCH_CONTEXT ?? '{}') as Omit<ScenarioContext, 'log'>;
  const log = (line: string) => process.send!({ log: line });
  const result = await measureSetup({ ...context, log }, key);
  await new Promise<void>((resolve, reject) =>
    process.send!({ result }, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
