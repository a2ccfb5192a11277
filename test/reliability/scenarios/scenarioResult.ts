import { reliabilityProfile } from '../support/loadGenerator';
import { writeResult, type ScenarioResult } from '../support/report';

/** True under `RELIABILITY_PROFILE=full`: the loads docs/RELIABILITY.md quotes. */
export const fullProfile = reliabilityProfile() === 'full';

/**
 * Writes `test/reliability/results/<file>.<profile>.json` (docs/RELIABILITY.md is rendered from
 * these) and prints the counts, so a run shows them without opening the file.
 *
 * @example
 * recordResult('05-zombie-producer', { scenario: '5. Zombie producer', load, faults, acknowledged, lost, duplicated, recoverySeconds, notes });
 */
export function recordResult(file: string, result: ScenarioResult): void {
  writeResult(`${file}.${reliabilityProfile()}`, result);
  const { scenario, acknowledged, lost, duplicated, recoverySeconds } = result;
  process.stdout.write(
    `[reliability] ${scenario}: acknowledged ${acknowledged}, lost ${lost}, duplicated ${duplicated}, recovery ${recoverySeconds ?? '-'} s\n`,
  );
}
