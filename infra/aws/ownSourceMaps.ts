import { decode, encode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';
import type { Plugin } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

interface SourceMapV3 {
  version: 3;
  sources: string[];
  names: string[];
  mappings: string;
  sourcesContent?: (string | null)[];
  [key: string]: unknown;
}

const PACKAGE = /(^|\/)node_modules\//;

/**
 * Keeps only the mappings of this repository's code in a source map: a stack frame in lib/ or
 * functions/ still points at its TypeScript line, one inside kafkajs or zod at the bundle's.
 *
 * Why: with NODE_OPTIONS=--enable-source-maps, Node reads and parses a bundle's map when it loads
 * the bundle, in every cold start, and about nine tenths of a Kafka function's map describes
 * minified packages (docs/BENCHMARKS.md, B5).
 *
 * @example
 * const trimmed = ownSourceMap(JSON.parse(await readFile('placeOrder.js.map', 'utf8')));
 */
export function ownSourceMap(map: SourceMapV3): SourceMapV3 {
  const sources = new Map<number, number>();
  const names = new Map<number, number>();
  const renumber = (table: Map<number, number>, index: number) => {
    if (!table.has(index)) table.set(index, table.size);
    return table.get(index)!;
  };
  const lines = decode(map.mappings).map((line) => {
    const kept: SourceMapSegment[] = [];
    for (const segment of line) {
      if (segment.length === 1 || PACKAGE.test(map.sources[segment[1]] ?? '')) {
        // A column without a source ends the previous mapping: without it, a frame inside a
        // package would resolve to the last line of ours before it on the same minified line.
        if (kept.length > 0 && kept.at(-1)!.length > 1) kept.push([segment[0]]);
        continue;
      }
      const [column, source, sourceLine, sourceColumn] = segment;
      const own: SourceMapSegment = [column, renumber(sources, source), sourceLine, sourceColumn];
      kept.push(segment.length === 5 ? [...own, renumber(names, segment[4])] : own);
    }
    return kept;
  });
  const pick = <T>(all: readonly T[], table: Map<number, number>) =>
    [...table].sort((a, b) => a[1] - b[1]).map(([index]) => all[index]!);
  return {
    ...map,
    sources: pick(map.sources, sources),
    names: pick(map.names, names),
    mappings: encode(lines),
    ...(map.sourcesContent ? { sourcesContent: pick(map.sourcesContent, sources) } : {}),
  };
}

/**
 * The esbuild plugin serverless.yml loads (through esbuildPlugins.js): rewrites the map of each
 * build's entry with {@link ownSourceMap} before serverless-esbuild zips it. Only its own: the
 * handlers of one folder are built concurrently into the same output folder.
 */
export const ownSourceMapsPlugin: Plugin = {
  name: 'own-source-maps',
  setup(build) {
    build.onEnd(async (result) => {
      const { entryPoints, outdir } = build.initialOptions;
      if (result.errors.length > 0 || !outdir || !Array.isArray(entryPoints)) return;
      for (const entry of entryPoints) {
        const file = typeof entry === 'string' ? entry : entry.in;
        const mapFile = path.join(outdir, `${path.basename(file, path.extname(file))}.js.map`);
        const map = JSON.parse(await readFile(mapFile, 'utf8')) as SourceMapV3;
        await writeFile(mapFile, JSON.stringify(ownSourceMap(map)));
      }
    });
  },
};
