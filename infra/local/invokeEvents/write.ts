import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { exampleEvents } from '.';
import { EXAMPLE } from './examples';

/** Where the example events live: `events/` at the root, beside serverless.yml. */
export const EVENTS_DIR = path.resolve(__dirname, '../../../events');

// `npx tsx infra/local/invokeEvents/write.ts` (then prettier over events/) rewrites every example;
// with ids and `--out`, it writes them about an order of yours instead, e.g. the order the README's
// curl block placed: the MSK events are base64 and header bytes, not something to edit by hand.
if (require.main === module) {
  const options = new Command('write')
    .description('write an example event for every function of serverless.yml')
    .option('--order <id>', 'order id', EXAMPLE.orderId)
    .option('--sku <id>', 'sku', EXAMPLE.sku)
    .option('--customer <id>', 'customer id', EXAMPLE.customerId)
    .option('--out <dir>', 'where to write them', EVENTS_DIR)
    .parse()
    .opts<{ order: string; sku: string; customer: string; out: string }>();
  mkdirSync(options.out, { recursive: true });
  const ids = { orderId: options.order, sku: options.sku, customerId: options.customer };
  for (const [name, event] of Object.entries(exampleEvents(ids)))
    writeFileSync(path.join(options.out, `${name}.json`), `${JSON.stringify(event, null, 2)}\n`);
}
