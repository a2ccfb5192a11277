import { startLocalStack } from '../../infra/local/localStack';

// Starts one broker (unless KAFKA_BROKERS) and one dynalite (unless DYNAMODB_ENDPOINT) for the whole
// integration run. Workers are forked after this returns, so the exported variables reach them.
export default async function globalSetup(): Promise<void> {
  const stack = await startLocalStack({ log: (line) => process.stdout.write(`\n${line}`) });
  process.env.KAFKA_BROKERS = stack.kafkaBrokers.join(',');
  process.env.DYNAMODB_ENDPOINT = stack.dynamoEndpoint;
  (globalThis as { __localStack?: typeof stack }).__localStack = stack;
}
