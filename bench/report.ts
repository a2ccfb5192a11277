import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import path from 'node:path';
import type { MachineFacts } from './machine';
import { renderMarkdown } from './markdown';
import { replaceScenarios } from './partialMarkdown';
import type { EvaluatedTarget, Scenario, ScenarioOutcome, ScenarioResult } from './scenario';
import { summarise } from './stats';

export interface BenchReport {
  readonly facts: MachineFacts;
  readonly args: readonly string[];
  readonly durationMs: number;
  readonly results: readonly ScenarioResult[];
}

/** Checks each target against the median of its metric's runs. */
export function evaluate(scenario: Scenario, outcome: ScenarioOutcome, durationMs: number): ScenarioResult {
  const targets: EvaluatedTarget[] = outcome.targets.map((target) => {
    const metric = outcome.metrics.find((m) => m.key === target.metric);
    const value = metric ? summarise(metric.runs).median : Number.NaN;
    const met =
      target.op === '='
        ? value === target.limit
        : target.op === '<='
          ? value <= target.limit
          : value >= target.limit;
    return { ...target, value, met };
  });
  return { id: scenario.id, title: scenario.title, ...outcome, targets, durationMs };
}

/** A failed scenario still appears in the report, with why. */
export function failed(scenario: Scenario, error: unknown, durationMs: number): ScenarioResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    id: scenario.id,
    title: scenario.title,
    settings: {},
    metrics: [],
    targets: [],
    notes: [`the scenario failed: ${message}`],
    durationMs,
    error: message,
  };
}

/** Three significant figures, at most two decimals: enough for noisy timings. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: decimals });
}

const pad = (text: string, width: number, right = false) =>
  right ? text.padStart(width) : text.padEnd(width);

export function printReport(report: BenchReport): void {
  const lines: string[] = [];
  for (const result of report.results) {
    lines.push('', `${result.id} ${result.title} (${(result.durationMs / 1000).toFixed(0)} s)`);
    const width = Math.max(20, ...result.metrics.map((m) => m.label.length));
    lines.push(
      `  ${pad('metric', width)} ${pad('median', 10, true)} ${pad('min', 10, true)} ${pad('max', 10, true)}  unit`,
    );
    for (const metric of result.metrics) {
      const { median, min, max } = summarise(metric.runs);
      const cells = [median, min, max].map((v) => pad(formatNumber(v), 10, true)).join(' ');
      lines.push(`  ${pad(metric.label, width)} ${cells}  ${metric.unit}`);
    }
    for (const target of result.targets) {
      lines.push(
        `  ${target.met ? 'MET   ' : 'MISSED'} ${target.label}: ${formatNumber(target.value)} (limit ${target.op} ${target.limit})`,
      );
    }
    for (const table of result.tables ?? []) {
      lines.push(`  ${table.title}`, `  ${table.columns.join(' | ')}`);
      for (const cells of table.rows) lines.push(`  ${cells.join(' | ')}`);
    }
    for (const note of result.notes) lines.push(`  - ${note}`);
  }
  lines.push('', `total ${(report.durationMs / 1000).toFixed(0)} s`);
  console.log(lines.join('\n'));
}

const root = path.resolve(__dirname, '..');

export function writeResultsJson(report: BenchReport): void {
  const withSummaries = {
    ...report,
    results: report.results.map((result) => ({
      ...result,
      metrics: result.metrics.map((metric) => ({ ...metric, ...summarise(metric.runs) })),
    })),
  };
  writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(withSummaries, null, 2)}\n`);
}

/**
 * docs/BENCHMARKS.md, formatted as `prettier --check` (part of npm test) expects it: rendered
 * whole from a full run, or, from a partial one, with just its scenarios replaced.
 */
export async function writeMarkdown(report: BenchReport, partial = false): Promise<void> {
  const file = path.join(root, 'docs/BENCHMARKS.md');
  const options = (await resolveConfig(file)) ?? {};
  const markdown = partial ? replaceScenarios(readFileSync(file, 'utf8'), report) : renderMarkdown(report);
  writeFileSync(file, await format(markdown, { ...options, parser: 'markdown' }));
}
