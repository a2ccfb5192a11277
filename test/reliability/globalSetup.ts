import { startLocalStack } from '../../infra/local/localStack';

// Like the integration project: one shared broker (unless KAFKA_BROKERS) and one dynalite, for the
// scenarios that fault other parts than Kafka. Scenarios that crash, stop or freeze a broker never use
// the shared one: they start private brokers (test/reliability/support/brokerControl.ts).
export default async function globalSetup(): Promise<void> {
  const stack = await startLocalStack({ log: (line) => process.stdout.write(`\n${line}`) });
  process.env.KAFKA_BROKERS = stack.kafkaBrokers.join(',');
  process.env.DYNAMODB_ENDPOINT = stack.dynamoEndpoint;
  (globalThis as { __localStack?: typeof stack }).__localStack = stack;
}
