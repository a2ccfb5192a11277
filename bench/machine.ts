import os from 'node:os';
import { KAFKA_VERSION } from '../infra/local/kafka/version';

/** The facts a reader needs to weigh the numbers. */
export interface MachineFacts {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  readonly kafka: string;
  readonly dynamo: string;
  readonly date: string;
}

export function machineFacts(env: NodeJS.ProcessEnv = process.env): MachineFacts {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    kafka: env.KAFKA_BROKERS
      ? `borrowed cluster at ${env.KAFKA_BROKERS} (version not probed)`
      : `Apache Kafka ${KAFKA_VERSION}, single KRaft node, local (infra/local/kafka)`,
    dynamo:
      (env.DYNAMODB_ENDPOINT ?? env.AWS_ENDPOINT_URL_DYNAMODB)
        ? `borrowed endpoint ${env.DYNAMODB_ENDPOINT ?? env.AWS_ENDPOINT_URL_DYNAMODB}`
        : 'dynalite (in memory) on a worker thread of the bench parent process; scenarios run in child processes',
    date: new Date().toISOString(),
  };
}
