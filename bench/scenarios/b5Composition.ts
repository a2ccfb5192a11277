import { formatNumber } from '../report';
import type { DetailTable, Recorder } from '../scenario';
import { SIZE_LIMITS, type BuiltFunction } from './b5Build';
import { REPRESENTATIVES } from './b5OwnInit';

/** The parts a bundle's size is explained by; `own` is this repository's lib/ and functions/. */
const GROUPS = {
  kafkajs: (name: string) => name === 'kafkajs',
  zod: (name: string) => name === 'zod',
  signer: (name: string) => name === 'aws-msk-iam-sasl-signer-js' || name.startsWith('@aws-crypto/'),
  own: (name: string) => name === 'lib' || name === 'functions' || name === 'infra',
} as const;

type Group = keyof typeof GROUPS | 'other';

function composition(f: BuiltFunction): Record<Group, number> {
  const sums: Record<Group, number> = { kafkajs: 0, zod: 0, signer: 0, own: 0, other: 0 };
  for (const part of f.parts) {
    const group = (Object.keys(GROUPS) as (keyof typeof GROUPS)[]).find((g) => GROUPS[g](part.name));
    sums[group ?? 'other'] += part.bytes / 1024;
  }
  return sums;
}

const representatives = (built: readonly BuiltFunction[]) =>
  REPRESENTATIVES.map((name) => built.find((f) => f.spec.name === name)!);

/** Records `bundle.<function>` and `part.<function>.<group>` (KB) for the notes. */
export function recordComposition(built: readonly BuiltFunction[], recorder: Recorder): void {
  for (const f of representatives(built)) {
    recorder.record(`bundle.${f.spec.name}`, `${f.spec.name}: bundle`, 'KB', f.bytes / 1024);
    for (const [group, kb] of Object.entries(composition(f)))
      recorder.record(`part.${f.spec.name}.${group}`, `${f.spec.name}: ${group}`, 'KB', kb);
  }
}

export function compositionTable(built: readonly BuiltFunction[]): DetailTable {
  const rows = representatives(built).map((f) => {
    const parts = composition(f);
    const limit = SIZE_LIMITS[f.kind];
    return [
      f.spec.name,
      f.kind,
      formatNumber(f.bytes / 1024),
      limit ? `${limit / 1024}` : '—',
      ...(['kafkajs', 'zod', 'signer', 'own', 'other'] as const).map((g) => formatNumber(parts[g])),
    ];
  });
  return {
    title: 'What a bundle is made of (KB, minified; one function of each kind with a limit)',
    columns: [
      'function',
      'kind',
      'bundle',
      'limit',
      'kafkajs',
      'zod',
      'MSK IAM signer',
      'lib + functions',
      'other',
    ],
    rows,
  };
}
