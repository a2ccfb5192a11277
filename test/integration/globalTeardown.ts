import type { LocalStack } from '../../infra/local/localStack';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __localStack?: LocalStack }).__localStack?.stop();
}
