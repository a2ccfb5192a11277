import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exampleEvents } from '.';

/** Where the example events live: `events/` at the root, beside serverless.yml. */
export const EVENTS_DIR = path.resolve(__dirname, '../../../events');

// `npx tsx infra/local/invokeEvents/write.ts` (then prettier over events/): rewrites every example.
if (require.main === module) {
  mkdirSync(EVENTS_DIR, { recursive: true });
  for (const [name, event] of Object.entries(exampleEvents()))
    writeFileSync(path.join(EVENTS_DIR, `${name}.json`), `${JSON.stringify(event, null, 2)}\n`);
}
