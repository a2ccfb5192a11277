import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ScenarioContext, ScenarioOutcome } from './scenario';

let current: ChildProcess | undefined;

/** The scenario child running now, so a signal handler can stop it. */
export function stopCurrentChild(): void {
  if (current && current.exitCode === null) current.kill('SIGTERM');
}

/** Runs one scenario in a fresh Node process (same Node binary, TypeScript through tsx). */
export function runScenarioChild(
  id: string,
  context: Omit<ScenarioContext, 'log'>,
): Promise<ScenarioOutcome> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'child.ts'), [id], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_CONTEXT: JSON.stringify(context) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    current = child;
    let outcome: ScenarioOutcome | undefined;
    child.on('message', (message: { outcome?: ScenarioOutcome }) => {
      outcome = message.outcome;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      current = undefined;
      if (outcome) resolve(outcome);
      else reject(new Error(`scenario ${id} exited with ${signal ?? `code ${code}`} and no result`));
    });
  });
}
