import type { Kafka } from 'kafkajs';
import { createKafka } from '../../lib/kafka/kafkaConnection';
import { getConfig } from './config';
import { perEnvironment } from './platform';

const connection = perEnvironment(() => {
  const config = getConfig();
  let client: Promise<Kafka> | undefined;
  return () =>
    (client ??= createKafka(config).catch((error: unknown) => {
      client = undefined; // a failed MSK broker lookup must not poison the environment
      throw error;
    }));
});

/**
 * The kafkajs client the event log and the dead-letter sink share, created on first use (with an
 * MSK cluster ARN that takes a broker lookup), not at import: importing connects to nothing.
 */
export const getKafka = (): Promise<Kafka> => connection()();
