import { formatNumber } from '../report';
import type { DetailTable, Recorder } from '../scenario';
import type { BuiltFunction } from './b5Build';

/** One function of each kind with a limit of its own, and a reactor. */
export const REPRESENTATIVES = [
  'getInventory',
  'projectInventory',
  'restockInventory',
  'orderReactsToInventory',
] as const;

/** The parts a bundle's size is explained by; `own` is this repository's lib/, functions/ and infra/. */
const GROUPS = {
  kafkajs: (name: string) => name === 'kafkajs',
  zod: (name: string) => name === 'zod',
  own: (name: string) => name === 'lib' || name === 'functions' || name === 'infra',
} as const;

export const GROUP_NAMES = ['kafkajs', 'zod', 'own', 'other'] as const;
type Group = (typeof GROUP_NAMES)[number];

function composition(f: BuiltFunction): Record<Group, number> {
  const sums: Record<Group, number> = { kafkajs: 0, zod: 0, own: 0, other: 0 };
  for (const part of f.parts) {
    const group = (Object.keys(GROUPS) as (keyof typeof GROUPS)[]).find((g) => GROUPS[g](part.name));
    sums[group ?? 'other'] += part.bytes / 1024;
  }
  return sums;
}

const representatives = (built: readonly BuiltFunction[]) =>
  REPRESENTATIVES.map((name) => built.find((f) => f.name === name)!);

/** Records `bundle.<function>` and `part.<function>.<group>` (KB, unzipped) for the notes. */
export function recordComposition(built: readonly BuiltFunction[], recorder: Recorder): void {
  for (const f of representatives(built)) {
    recorder.record(`zip.${f.name}`, `${f.name}: zip`, 'KB', f.zipBytes / 1024);
    recorder.record(`bundle.${f.name}`, `${f.name}: bundle, unzipped`, 'KB', f.bundleBytes / 1024);
    for (const [group, kb] of Object.entries(composition(f)))
      recorder.record(`part.${f.name}.${group}`, `${f.name}: ${group} in the bundle`, 'KB', kb);
  }
}

export function compositionTable(built: readonly BuiltFunction[]): DetailTable {
  const rows = representatives(built).map((f) => [
    f.name,
    f.kind,
    formatNumber(f.zipBytes / 1024),
    `${f.limit / 1024}`,
    formatNumber(f.bundleBytes / 1024),
    ...GROUP_NAMES.map((g) => formatNumber(composition(f)[g])),
  ]);
  return {
    title:
      'What a bundle is made of (KB; the zip as written, its bundle unzipped and minified, by package from a metafile build with the same options)',
    columns: [
      'function',
      'kind',
      'zip',
      'limit',
      'bundle',
      'kafkajs',
      'zod',
      'lib + functions + infra',
      'other',
    ],
    rows,
  };
}
