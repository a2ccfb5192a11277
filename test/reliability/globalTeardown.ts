import type { LocalStack } from '../../infra/local/localStack';
import { recording, renderReport } from './support/report';

// The scenarios wrote their rows to test/reliability/results/; docs/RELIABILITY.md is rendered from them.
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __localStack?: LocalStack }).__localStack?.stop();
  if (recording()) await renderReport();
}
