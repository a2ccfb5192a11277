import { startLocalDynamo } from './dynamodb/localDynamo';
import { startLocalKafka } from './kafka/localKafka';
import { stopStaleBrokers } from './kafka/processRegistry';

/** The local infrastructure: a Kafka cluster and a DynamoDB endpoint, started or borrowed. */
export interface LocalStack {
  kafkaBrokers: string[];
  dynamoEndpoint: string;
  /** Stops what this stack started; borrowed endpoints are left alone. */
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/**
 * Starts what is not provided: with `KAFKA_BROKERS` set that cluster is used and no broker starts;
 * with `DYNAMODB_ENDPOINT` (or the SDK's own `AWS_ENDPOINT_URL_DYNAMODB`) set, no dynalite starts.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    await Promise.allSettled(stops.splice(0).map((stop) => stop()));
  };
  try {
    const kafkaBrokers = env.KAFKA_BROKERS ? env.KAFKA_BROKERS.split(',') : await startKafka(stops, log);
    if (env.KAFKA_BROKERS) log(`Kafka: using KAFKA_BROKERS=${env.KAFKA_BROKERS}`);
    const borrowedDynamo = env.DYNAMODB_ENDPOINT ?? env.AWS_ENDPOINT_URL_DYNAMODB;
    const dynamoEndpoint = borrowedDynamo ?? (await startDynamo(stops, env));
    log(`DynamoDB: ${borrowedDynamo ? 'using' : 'dynalite (in memory) at'} ${dynamoEndpoint}`);
    return { kafkaBrokers, dynamoEndpoint, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startKafka(stops: (() => Promise<void>)[], log: (line: string) => void): Promise<string[]> {
  // A test run or `npm start` killed with SIGKILL cannot stop its broker: do it now, before starting ours.
  await stopStaleBrokers();
  const kafka = await startLocalKafka();
  stops.push(() => kafka.stop());
  log(`Kafka: local broker at ${kafka.brokers.join(',')} (log: ${kafka.logFile})`);
  return kafka.brokers;
}

async function startDynamo(stops: (() => Promise<void>)[], env: NodeJS.ProcessEnv): Promise<string> {
  const dynamo = await startLocalDynamo(Number(env.DYNAMODB_PORT ?? 0));
  stops.push(() => dynamo.stop());
  return dynamo.endpoint;
}
