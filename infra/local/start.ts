import { LocalKafkaPreflightError } from './kafka/errors';
import { startLocalStack } from './localStack';

// `npm start`: the local stack in the foreground until Ctrl-C, then everything stops.
async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const stack = await startLocalStack({ log });
  console.log(
    `ready: KAFKA_BROKERS=${stack.kafkaBrokers.join(',')} DYNAMODB_ENDPOINT=${stack.dynamoEndpoint}`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // A missing prerequisite is a message for a person, not a stack trace.
  console.error(error instanceof LocalKafkaPreflightError ? error.message : error);
  process.exit(1);
});
