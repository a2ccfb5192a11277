import type { Admin, ITopicConfig } from 'kafkajs';

export interface EnsureTopicsResult {
  readonly created: string[];
  readonly existing: string[];
}

/**
 * Creates the topics that do not exist yet and leaves existing ones alone: a topic is the event
 * log, so nothing here ever deletes or recreates one (changing partitions or configuration of an
 * existing topic is a deliberate operation, not a deploy side effect).
 *
 * @example
 * await ensureTopics(admin, topicConfigs(REPLICATION_FACTOR.msk));
 */
export async function ensureTopics(
  admin: Pick<Admin, 'listTopics' | 'createTopics'>,
  configs: readonly ITopicConfig[],
): Promise<EnsureTopicsResult> {
  const present = new Set(await admin.listTopics());
  const missing = configs.filter((config) => !present.has(config.topic));
  if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  return {
    created: missing.map((config) => config.topic),
    existing: configs.filter((config) => present.has(config.topic)).map((config) => config.topic),
  };
}
