import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Runs `serverless package` into a fresh temp dir, offline and without credentials as CI does (every
 * AWS_* variable is removed for the child), and returns that dir. esbuild bundles every function,
 * so callers do it once per file, in beforeAll.
 */
export async function packageOffline(root: string, prefix: string, timeoutMs: number): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), prefix));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  await promisify(execFile)('npx', ['serverless', 'package', '--stage', 'test', '--package', outDir], {
    cwd: root,
    env,
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  return outDir;
}
