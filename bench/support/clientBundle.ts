import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { KafkaClient } from '../../lib/config/infraConfig';
import { median } from '../stats';

const root = resolve(__dirname, '../..');

// Each entry loads its client eagerly, so the load time below includes it (the platformatic
// adapter itself loads the package on first use).
const entries: Record<KafkaClient, string> = {
  kafkajs: [
    `import * as client from 'kafkajs';`,
    `export { createKafkaEventLog } from '${root}/lib/eventLog/kafkaEventLog';`,
    `export { createKafka } from '${root}/lib/kafka/kafkaConnection';`,
    `export const exports = Object.keys(client).length;`,
  ].join('\n'),
  platformatic: [
    `import * as client from '@platformatic/kafka';`,
    `export { createPlatformaticEventLog } from '${root}/lib/eventLog/platformaticEventLog';`,
    `export { createPlatformaticConnection } from '${root}/lib/kafka/platformaticConnection';`,
    `export const exports = Object.keys(client).length;`,
  ].join('\n'),
};

export interface ClientBundle {
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Median ms to require the bundle in a fresh Node process (the client's share of a cold start). */
  readonly loadMs: number;
}

/**
 * A minimal function bundle of one event-log adapter and its client, built as serverless.yml
 * builds functions (minified CommonJS for node22, the runtime's SDK left out), then loaded in fresh
 * processes.
 */
export async function clientBundle(client: KafkaClient, loads = 5): Promise<ClientBundle> {
  const dir = await mkdtemp(join(tmpdir(), `b1-${client}-`));
  try {
    const entry = join(dir, 'entry.ts');
    const outfile = join(dir, 'bundle.js');
    await writeFile(entry, entries[client]);
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: ['@aws-sdk/*', '@smithy/*'],
      nodePaths: [join(root, 'node_modules')],
      logLevel: 'error',
      ...platformaticBundling,
    });
    const code = await readFile(outfile);
    const times = Array.from({ length: loads }, () => loadMs(outfile));
    return { bytes: code.length, gzipBytes: gzipSync(code).length, loadMs: median(times) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What bundling @platformatic/kafka into CommonJS takes (serverless.yml does the same): its
 * WebAssembly helpers read a .wasm file beside them through import.meta.url unless the inlined
 * build is used, and import.meta.url must be the bundle's own URL for its createRequire calls.
 */
export const platformaticBundling = {
  alias: { '@platformatic/wasm-utils': '@platformatic/wasm-utils/bundled' },
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

function loadMs(file: string): number {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`loading the ${file} bundle failed: ${out.stderr}`);
  return Number(out.stdout.trim());
}
