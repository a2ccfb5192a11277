import type { Recorder } from '../scenario';
import { median } from '../stats';
import { initTime } from '../support/spawnInit';
import type { BuiltFunction } from './b5Build';
import { ROOT } from './b5Build';

type EnvOf = (name: string) => NodeJS.ProcessEnv;

/** One function of each bundled kind whose size has a limit. */
export const REPRESENTATIVES = ['getInventory', 'projectInventory', 'restockInventory'] as const;

/** What Lambda's Node.js runtime provides and the bundles leave external: loaded the same way in every variant. */
export const RUNTIME_SDK = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/util-dynamodb',
  '@aws-sdk/client-kafka',
  '@aws-sdk/client-sts',
  '@aws-sdk/credential-providers',
  '@aws-sdk/util-format-url',
  '@smithy/signature-v4',
];

/**
 * Init of the code the package itself brings: the runtime's SDK is preloaded in the fresh process
 * before the timed require, bundled vs unbundled, for the representatives.
 */
export async function measureOwnInit(
  built: readonly BuiltFunction[],
  runs: number,
  envOf: EnvOf,
  recorder: Recorder,
): Promise<void> {
  for (let run = 0; run <= runs; run += 1) {
    const own = { bundled: [] as number[], unbundled: [] as number[] };
    for (const name of REPRESENTATIVES) {
      const f = built.find((candidate) => candidate.spec.name === name)!;
      const options = { preload: RUNTIME_SDK, cwd: ROOT };
      const bundled = await initTime(f.bundle, envOf(name), options);
      const unbundled = await initTime(f.unbundled, envOf(name), options);
      own.bundled.push(bundled);
      own.unbundled.push(unbundled);
    }
    if (run === 0) continue;
    const ratio = median(own.unbundled) / median(own.bundled);
    recorder.record(
      'own.bundled',
      'init without the runtime SDK, bundled (3 functions)',
      'ms',
      median(own.bundled),
    );
    recorder.record(
      'own.unbundled',
      'init without the runtime SDK, unbundled (3 functions)',
      'ms',
      median(own.unbundled),
    );
    recorder.record('own.ratio', 'speed-up without the runtime SDK', '×', ratio);
  }
}
