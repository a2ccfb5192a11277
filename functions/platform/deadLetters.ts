import { createKafkaDeadLetterSink } from '../../lib/deadLetter/kafkaDeadLetterSink';
import { getConfig } from './config';
import { getKafka } from './kafka';
import { perEnvironment } from './platform';

/**
 * Where projections and reactors park poison records: the dead-letter topic. The one reason a
 * projection bundles kafkajs; its producer connects on the first dead letter only.
 */
export const getDeadLetters = perEnvironment(
  () => createKafkaDeadLetterSink({ kafka: getKafka, topic: getConfig().DEAD_LETTER_TOPIC }),
  (sink) => sink.close(),
);
