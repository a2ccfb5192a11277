import { LocalKafkaPreflightError } from './kafka/errors';
import { startLocalStack } from './localStack';
import { startRuntime } from './runtime/startRuntime';
import { forgetStack, recordStack } from './stackRecord';

// `npm start`: Kafka and DynamoDB (started or borrowed), then the whole system on them, in the
// foreground until Ctrl-C; then everything stops, the broker included.
async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const stack = await startLocalStack({ log });
  const runtime = await startRuntime({
    kafkaBrokers: stack.kafkaBrokers,
    dynamoEndpoint: stack.dynamoEndpoint,
    port: Number(process.env.PORT ?? 3000),
  }).catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  recordStack(runtime.environment);
  console.log(
    `ready: ${runtime.url} (Kafka ${stack.kafkaBrokers.join(',')}, DynamoDB ${stack.dynamoEndpoint})`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    forgetStack();
    runtime
      .stop()
      .finally(() => stack.stop())
      .then(
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
