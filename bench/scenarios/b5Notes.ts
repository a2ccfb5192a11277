import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';
import type { BuiltFunction } from './b5Build';

const kb = (bytes: number) => f(bytes / 1024);

/** What makes the bundles the size they are and their start as slow as it is, in this run's numbers. */
export function b5Notes(metrics: readonly Metric[], built: readonly BuiltFunction[]): string[] {
  const m = (key: string) => medianOf(metrics, key);
  const part = (fn: string, group: string) => m(`part.${fn}.${group}`);
  const serverless = Math.max(...built.map((b) => b.serverlessBytes));
  // The MSK IAM signer is there only for the Kafka client: it would go with kafkajs.
  const projectionWithoutKafka =
    part('projectInventory', 'zod') + part('projectInventory', 'own') + part('projectInventory', 'other');
  const commandLibraries =
    part('restockInventory', 'kafkajs') +
    part('restockInventory', 'zod') +
    part('restockInventory', 'signer');
  return [
    `Queries carry no Kafka client: functions/platform gives each client and store its own getter, built on first use, so a query bundles the DynamoDB snapshot store, zod and its handler — ` +
      `${f(m('size.query'))} KB at most. \`@aws-sdk/client-kafka\` and the MSK IAM signer are required only when an MSK ARN or IAM auth needs them (lib/kafka/kafkaConnection.ts); they stay in the bundles of Kafka clients for that case.`,
    `Projections (${f(m('size.projection'))} KB, limit 250) carry kafkajs (${f(part('projectInventory', 'kafkajs'))} KB) and the MSK IAM signer (${f(part('projectInventory', 'signer'))} KB) for one reason: poison records go to the dead-letter topic, ` +
      `and the one Kafka client this project uses is kafkajs. Without them projectInventory would be ${f(projectionWithoutKafka)} KB. Getting there means dead-lettering some other way ` +
      "(a queue, or the mapping's own on-failure destination at the price of stalling the partition on a poison record), a change of the contract in docs/GUIDE.md: not made.",
    `Commands (${f(m('size.command'))} KB, limit 400): kafkajs ${f(part('restockInventory', 'kafkajs'))} KB, zod ${f(part('restockInventory', 'zod'))} KB and the MSK IAM signer ${f(part('restockInventory', 'signer'))} KB make ` +
      `${f(commandLibraries)} KB before a line of this repository's code (${f(part('restockInventory', 'own'))} KB). The deployment authenticates with IAM and Lambda's runtime does not ship the signer, so it stays; ` +
      "zod/mini (a smaller, functional API) could save most of zod's share at the cost of rewriting every schema and the OpenAPI generation.",
    `Start-up: bundled ${f(m('init.bundled'))} ms vs unbundled ${f(m('init.unbundled'))} ms (${f(m('init.ratio'))}×). Both load the AWS SDK from node_modules — external, as Lambda's runtime provides it — and that dominates: ` +
      `with the runtime's SDK preloaded, the package's own code starts in ${f(m('own.bundled'))} ms bundled vs ${f(m('own.unbundled'))} ms unbundled (${f(m('own.ratio'))}×). ` +
      "Bundling the SDK as well would speed up both variants' common part, but puts hundreds of KB into every bundle, queries included.",
    `No handler connects at import: in the spawned process net.Socket.connect and dns.lookup were watched during the require and 300 ms after (${f(m('connects'))} functions attempted a connection).`,
    `The issue's external list (\`@aws-sdk/*\`, \`@smithy/*\`) is not serverless.yml's: serverless.yml leaves only three @aws-sdk packages external because aws-msk-iam-sasl-signer-js pins @smithy/signature-v4 v2, ` +
      `and built that way the largest bundle is ${kb(serverless)} KB (column "serverless.yml build").`,
  ];
}
