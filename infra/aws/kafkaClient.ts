import { kafkaClients, type KafkaClient } from '../../lib/config/infraConfig';

/** The osls param choosing the event log's Kafka client (`--param="kafkaClient=platformatic"`). */
export const KAFKA_CLIENT_PARAM = 'kafkaClient';

/**
 * The deployed `KAFKA_CLIENT`, from the `kafkaClient` param; anything else fails the package.
 *
 * @example
 * await deployedKafkaClient(resolveVariable); // 'kafkajs'
 */
export async function deployedKafkaClient(
  resolveVariable: (name: string) => Promise<unknown>,
): Promise<KafkaClient> {
  const value = await resolveVariable(`param:${KAFKA_CLIENT_PARAM}`);
  const client = kafkaClients.find((name) => name === value);
  if (!client)
    throw new Error(`param ${KAFKA_CLIENT_PARAM}=${String(value)}: expected ${kafkaClients.join(' or ')}`);
  return client;
}

/**
 * What esbuild leaves out of every bundle: the runtime's SDK, and @platformatic/kafka unless the
 * stack appends with it — it would add ~200 KB to each zip that appends (docs/BENCHMARKS.md, B1),
 * and its adapter loads it only when `KAFKA_CLIENT` names it, which the same param sets.
 */
export function bundleExclusions(client: KafkaClient): string[] {
  return ['@aws-sdk/*', '@smithy/*', ...(client === 'platformatic' ? [] : ['@platformatic/kafka'])];
}
