/** What every scenario reports: per-run samples of each metric, the targets, and what they mean. */
export interface Metric {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** One value per measured run (warm-up excluded). */
  readonly runs: number[];
}

export interface Target {
  readonly label: string;
  /** The metric whose median is checked. */
  readonly metric: string;
  readonly op: '<=' | '>=' | '=';
  readonly limit: number;
}

export interface EvaluatedTarget extends Target {
  readonly value: number;
  readonly met: boolean;
}

/** A table of detail (e.g. one row per function) shown after the metrics. */
export interface DetailTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  /** The workload as run (sizes, counts, batch sizes), for the report. */
  readonly settings: Readonly<Record<string, string | number>>;
  readonly metrics: readonly Metric[];
  readonly targets: readonly EvaluatedTarget[];
  /** Findings computed from this run's numbers: why a target holds or cannot. */
  readonly notes: readonly string[];
  readonly tables?: readonly DetailTable[];
  readonly durationMs: number;
  /** Set when the scenario did not complete. */
  readonly error?: string;
}

export interface ScenarioContext {
  readonly kafkaBrokers: readonly string[];
  readonly dynamoEndpoint: string;
  /** Measured runs after the warm-up. */
  readonly runs: number;
  /** Unique per bench invocation: scopes topics, tables and groups. */
  readonly runId: string;
  readonly log: (line: string) => void;
}

/** What a scenario's run returns; the runner evaluates the targets against the medians. */
export interface ScenarioOutcome {
  readonly settings: ScenarioResult['settings'];
  readonly metrics: readonly Metric[];
  readonly targets: readonly Target[];
  readonly notes: readonly string[];
  readonly tables?: readonly DetailTable[];
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** Measured runs unless `--runs` says otherwise. */
  readonly defaultRuns: number;
  run(context: ScenarioContext): Promise<ScenarioOutcome>;
}

/** The median over runs of a metric (NaN when absent): what notes quote. */
export function medianOf(metrics: readonly Metric[], key: string): number {
  const runs = metrics.find((metric) => metric.key === key)?.runs ?? [];
  if (runs.length === 0) return Number.NaN;
  const ordered = [...runs].sort((a, b) => a - b);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1 ? ordered[middle]! : (ordered[middle - 1]! + ordered[middle]!) / 2;
}

/** Collects one value per run for each metric, in first-recorded order. */
export class Recorder {
  private readonly metrics = new Map<string, Metric>();

  record(key: string, label: string, unit: string, value: number): void {
    let metric = this.metrics.get(key);
    if (!metric) {
      metric = { key, label, unit, runs: [] };
      this.metrics.set(key, metric);
    }
    metric.runs.push(value);
  }

  list(): Metric[] {
    return [...this.metrics.values()];
  }
}
