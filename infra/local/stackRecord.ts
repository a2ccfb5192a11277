import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where `npm start` records the variables its functions run with, so that the operating tools
 * (`npm run kes -- …`) reach the same broker, tables and topics without flags. Removed on stop.
 */
export const STACK_RECORD = path.resolve(__dirname, '../../.cache/local-stack.json');

export function recordStack(environment: Record<string, string>): void {
  mkdirSync(path.dirname(STACK_RECORD), { recursive: true });
  writeFileSync(STACK_RECORD, `${JSON.stringify(environment, null, 2)}\n`);
}

export function forgetStack(): void {
  rmSync(STACK_RECORD, { force: true });
}

/** The recorded variables, or undefined when no `npm start` is running (or it left no record). */
export function recordedStack(): Record<string, string> | undefined {
  try {
    return JSON.parse(readFileSync(STACK_RECORD, 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
}
