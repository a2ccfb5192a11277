import { formatNumber } from '../report';
import type { DetailTable, Recorder } from '../scenario';
import { median } from '../stats';
import { initTime } from '../support/spawnInit';
import type { BuiltFunction } from './b5Build';
import { ROOT } from './b5Build';
import {
  PATCH_SETS,
  REPRESENTATIVES,
  RUNTIME_SDK,
  buildPatched,
  type PatchSet,
  type PatchedBuild,
} from './b5Patches';

type EnvOf = (name: string) => NodeJS.ProcessEnv;

async function timePatched(
  builds: readonly PatchedBuild[],
  env: NodeJS.ProcessEnv,
): Promise<[PatchSet, number][]> {
  const timings: [PatchSet, number][] = [];
  for (const p of builds) timings.push([p.patch, await initTime(p.file, env)]);
  return timings;
}

/**
 * For three representative functions: init with the runtime's SDK preloaded (the code the package
 * itself brings), bundled vs unbundled; and size and init under each proposed patch set.
 */
export async function measureWhatIf(
  built: readonly BuiltFunction[],
  runs: number,
  envOf: EnvOf,
  recorder: Recorder,
) {
  const patched = await buildPatched();
  const times = new Map<string, number[]>();
  const push = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
  for (let run = 0; run <= runs; run += 1) {
    const own = { bundled: [] as number[], unbundled: [] as number[] };
    for (const name of REPRESENTATIVES) {
      const f = built.find((candidate) => candidate.spec.name === name)!;
      const options = { preload: RUNTIME_SDK, cwd: ROOT };
      const bundled = await initTime(f.bundle, envOf(name), options);
      const unbundled = await initTime(f.unbundled, envOf(name), options);
      const timings = await timePatched(
        patched.filter((candidate) => candidate.functionName === name),
        envOf(name),
      );
      if (run > 0) timings.forEach(([patch, ms]) => push(`${name}/${patch}`, ms));
      if (run === 0) continue;
      own.bundled.push(bundled);
      own.unbundled.push(unbundled);
    }
    if (run === 0) continue;
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
    recorder.record(
      'own.ratio',
      'speed-up without the runtime SDK',
      '×',
      median(own.unbundled) / median(own.bundled),
    );
  }
  const rows = patched.map((p) => {
    const base = patched.find((q) => q.functionName === p.functionName && q.patch === 'as is')!;
    const ms = median(times.get(`${p.functionName}/${p.patch}`) ?? []);
    const baseMs = median(times.get(`${p.functionName}/as is`) ?? []);
    return [
      p.functionName,
      p.patch,
      formatNumber(p.bytes / 1024),
      formatNumber((p.bytes - p.kafkaBytes) / 1024),
      formatNumber(ms),
      p.patch === 'as is' ? '—' : `${formatNumber(((baseMs - ms) / baseMs) * 100)} %`,
      p.patch === 'as is' ? '—' : `${formatNumber(((base.bytes - p.bytes) / base.bytes) * 100)} %`,
    ];
  });
  const both = patched.filter((p) => p.patch === ('both' satisfies PatchSet));
  for (const p of both) {
    const base = patched.find((q) => q.functionName === p.functionName && q.patch === 'as is');
    recorder.record(
      `patchedBase.${p.functionName}`,
      `${p.functionName} bundle, as is`,
      'KB',
      (base?.bytes ?? 0) / 1024,
    );
    recorder.record(
      `patched.${p.functionName}`,
      `${p.functionName} bundle, both patches`,
      'KB',
      p.bytes / 1024,
    );
    recorder.record(
      `patchedNoKafka.${p.functionName}`,
      `${p.functionName}, both patches, without kafkajs + MSK signer`,
      'KB',
      (p.bytes - p.kafkaBytes) / 1024,
    );
  }
  for (const name of REPRESENTATIVES) {
    const saved = (patch: PatchSet) =>
      median(times.get(`${name}/as is`) ?? []) - median(times.get(`${name}/${patch}`) ?? []);
    recorder.record(`initSaved.${name}`, `${name}: init saved by both patches`, 'ms', saved('both'));
  }
  const table: DetailTable = {
    title: `Proposed changes, applied to a copy at bundle time (${Object.keys(PATCH_SETS).join(' / ')}); init = median ms, SDK not preloaded`,
    columns: [
      'function',
      'patch',
      'bundle KB',
      'KB without kafkajs + MSK signer',
      'init ms',
      'init saved',
      'size saved',
    ],
    rows,
  };
  return table;
}
