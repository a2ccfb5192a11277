import { scenarioSection, targetRows } from './markdown';
import type { BenchReport } from './report';

const isRowOf = (id: string) => (line: string) => new RegExp(`^\\|\\s*${id}\\s*\\|`).test(line);

/**
 * docs/BENCHMARKS.md after a partial run (`--only … --write-docs`): the scenarios it ran get their
 * sections and their rows of the targets table replaced, each section saying which run it comes
 * from; the machine facts, the recommendations and every other scenario stay as the run that
 * wrote them left them.
 */
export function replaceScenarios(markdown: string, report: BenchReport): string {
  let lines = markdown.trimEnd().split('\n');
  const origin =
    `Measured in a run of its own (\`npm run bench -- ${report.args.join(' ')}\`, ${report.facts.date}, ` +
    `${Math.round(report.durationMs / 1000)} s), not the run described under Machine.`;
  for (const result of report.results) {
    lines = replaceSection(lines, result.id, scenarioSection(result, origin));
    lines = replaceTargetRows(lines, result.id, targetRows(result));
  }
  return `${lines.join('\n')}\n`;
}

function replaceSection(lines: string[], id: string, section: string[]): string[] {
  const start = lines.findIndex((line) => line.startsWith(`## ${id} — `));
  if (start < 0) return [...lines, '', ...section];
  const next = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const end = next < 0 ? lines.length : next;
  return [...lines.slice(0, start), ...section, ...lines.slice(end)];
}

function replaceTargetRows(lines: string[], id: string, rows: string[]): string[] {
  const heading = lines.indexOf('## Targets');
  if (heading < 0) return lines;
  const tableEnd = lines.findIndex((line, index) => index > heading + 2 && !line.startsWith('|'));
  const end = tableEnd < 0 ? lines.length : tableEnd;
  const first = lines.findIndex((line, index) => index > heading && index < end && isRowOf(id)(line));
  const at = first < 0 ? end : first;
  const kept = (from: number, to: number) => lines.slice(from, to).filter((line) => !isRowOf(id)(line));
  return [...lines.slice(0, heading), ...kept(heading, at), ...rows, ...kept(at, end), ...lines.slice(end)];
}
