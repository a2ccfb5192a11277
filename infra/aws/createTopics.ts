/**
 * Creates the topology's topics on a cluster by hand — what the `Custom::KafkaTopics` resource does
 * on deploy. Run it from a host that reaches the brokers (a bastion or CloudShell in the VPC):
 *
 *   MSK_CLUSTER_ARN=arn:aws:kafka:… KAFKA_AUTH=iam AWS_REGION=eu-west-1 npx tsx infra/aws/createTopics.ts
 *
 * `REPLICATION_FACTOR` overrides the MSK default of 3 (e.g. 1 for a single local broker with
 * `KAFKA_BROKERS=localhost:9092`).
 */
import { readInfraConfig } from '../../lib/config/infraConfig';
import { createKafka } from '../../lib/kafka/kafkaConnection';
import { REPLICATION_FACTOR, topicConfigs } from '../topology';
import { ensureTopics } from './ensureTopics';

async function main(): Promise<void> {
  const replicationFactor = Number(process.env.REPLICATION_FACTOR ?? REPLICATION_FACTOR.msk);
  const admin = (await createKafka(readInfraConfig())).admin();
  await admin.connect();
  try {
    const result = await ensureTopics(admin, topicConfigs(replicationFactor));
    console.log(
      `created: ${result.created.join(', ') || 'none'}; already there: ${result.existing.join(', ') || 'none'}`,
    );
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
