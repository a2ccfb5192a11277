import type { Scenario } from '../scenario';
import { b1CommandPath } from './b1CommandPath';
import { b2Coalescing } from './b2Coalescing';
import { b3Replay } from './b3Replay';
import { b4Freshness } from './b4Freshness';
import { b5ColdStart } from './b5ColdStart';
import { b6Query } from './b6Query';
import { b7History } from './b7History';
import { b8SagaLatency } from './b8SagaLatency';
import { b9HotSku } from './b9HotSku';

export const scenarios: readonly Scenario[] = [
  b1CommandPath,
  b2Coalescing,
  b3Replay,
  b4Freshness,
  b5ColdStart,
  b6Query,
  b7History,
  b8SagaLatency,
  b9HotSku,
];

export function scenarioById(id: string): Scenario {
  const scenario = scenarios.find((candidate) => candidate.id === id);
  if (!scenario) throw new Error(`unknown scenario ${id}; known: ${scenarios.map((s) => s.id).join(', ')}`);
  return scenario;
}
