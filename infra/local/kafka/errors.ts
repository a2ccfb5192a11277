/**
 * Base error of the local Kafka tooling. Its message is written for a human and complete on its own, so
 * the CLI prints only the message, never a stack trace.
 */
export class LocalKafkaError extends Error {
  override readonly name: string = 'LocalKafkaError';
}

/**
 * The machine cannot run a local broker (no Java 17+, or neither Maven nor cached jars). The message is
 * one paragraph naming what is missing and the ways forward.
 *
 * @example
 * try { await startLocalKafka(); } catch (error) {
 *   if (error instanceof LocalKafkaPreflightError) console.error(error.message);
 * }
 */
export class LocalKafkaPreflightError extends LocalKafkaError {
  override readonly name: string = 'LocalKafkaPreflightError';
}
