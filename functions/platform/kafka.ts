import type { Kafka } from 'kafkajs';
import { createKafka } from '../../lib/kafka/kafkaConnection';
import { getConfig } from './config';
import { perEnvironment, sharedUntilFailure } from './platform';

const connection = perEnvironment(() => {
  const config = getConfig();
  return sharedUntilFailure(() => createKafka(config));
});

/**
 * The kafkajs client the event log and the dead-letter sink share, created on first use (with an
 * MSK cluster ARN that takes a broker lookup), not at import: importing connects to nothing.
 */
export const getKafka = (): Promise<Kafka> => connection()();
