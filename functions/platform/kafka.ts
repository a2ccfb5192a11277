import type { Kafka } from 'kafkajs';
import { createKafka } from '../../lib/kafka/kafkaConnection';
import {
  createPlatformaticConnection,
  type PlatformaticConnection,
} from '../../lib/kafka/platformaticConnection';
import { getConfig } from './config';
import { perEnvironment } from './platform';

/** Builds once on first use; a failure is forgotten (a failed MSK broker lookup must not poison the environment). */
function retriedOnce<T>(create: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= create().catch((error: unknown) => {
      value = undefined;
      throw error;
    }));
}

const connection = perEnvironment(() => retriedOnce(() => createKafka(getConfig())));
const platformaticConnection = perEnvironment(() =>
  retriedOnce(() => createPlatformaticConnection(getConfig())),
);

/**
 * The kafkajs client the event log and the dead-letter sink share, created on first use (with an
 * MSK cluster ARN that takes a broker lookup), not at import: importing connects to nothing.
 */
export const getKafka = (): Promise<Kafka> => connection()();

/** The @platformatic/kafka connection options of the event log when `KAFKA_CLIENT=platformatic`. */
export const getPlatformaticConnection = (): Promise<PlatformaticConnection> => platformaticConnection()();
