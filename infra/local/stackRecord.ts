import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where `npm start` records the variables its functions run with, so that the operating tools
 * (`npm run kes -- …`) and `serverless invoke local --stage local` reach the same broker, tables and
 * topics without flags. Removed on stop. `LOCAL_STACK_RECORD` moves it (a test points invoke local at
 * its own runtime this way, leaving a developer's `npm start` record alone).
 */
export const STACK_RECORD = path.resolve(
  process.env.LOCAL_STACK_RECORD ?? path.resolve(__dirname, '../../.cache/local-stack.json'),
);

export function recordStack(environment: Record<string, string>, file = STACK_RECORD): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(environment, null, 2)}\n`);
}

export function forgetStack(file = STACK_RECORD): void {
  rmSync(file, { force: true });
}

/** The recorded variables, or undefined when no `npm start` is running (or it left no record). */
export function recordedStack(file = STACK_RECORD): Record<string, string> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
}
