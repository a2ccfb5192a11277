import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Kafka } from 'kafkajs';
import { ensureTable } from '../../../lib/dynamodb/createTable';
import { REPLICATION_FACTOR, topicConfigs, topics, type TopicKey } from '../../topology';
import { localTables, type LocalNames } from './localNames';

/**
 * Creates the topology's topics and tables locally, from the same definitions the AWS template uses.
 * Existing ones are kept (a borrowed broker or DynamoDB may already have them).
 */
export async function provision(kafka: Kafka, dynamo: DynamoDBClient, names: LocalNames): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const configs = new Map(topicConfigs(REPLICATION_FACTOR.local).map((config) => [config.topic, config]));
    const missing = (Object.keys(topics) as TopicKey[])
      .map((key) => ({ ...configs.get(topics[key].name)!, topic: names.topic(key) }))
      .filter((config) => !existing.has(config.topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  for (const table of localTables(names)) await ensureTable(dynamo, table.name, table.spec.definition);
}
