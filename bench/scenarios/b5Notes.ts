import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';
import type { BuiltFunction } from './b5Build';

const kb = (bytes: number) => f(bytes / 1024);

/** What makes the bundles big and their start slow, in this run's numbers. */
export function b5Notes(metrics: readonly Metric[], built: readonly BuiltFunction[]): string[] {
  const m = (key: string) => medianOf(metrics, key);
  const part = (name: string) =>
    Math.max(0, ...built.map((b) => b.topInputs.find((input) => input.name === name)?.bytes ?? 0));
  const openApi = built.find((b) => b.spec.name === 'getOpenApi');
  const serverless = Math.max(...built.map((b) => b.serverlessBytes));
  return [
    `Size: zod accounts for ${kb(part('zod'))} KB of every bundle — \`import { z } from 'zod'\` (14 files in lib/ and functions/) keeps zod's whole namespace object alive, its ~40 locales included; ` +
      `\`import * as z from 'zod'\` lets esbuild drop what is unused. kafkajs adds ${kb(part('kafkajs'))} KB to every function, queries included: each handler reaches functions/platform's getServices → getPlatform, ` +
      `which builds the event log and the Kafka dead-letter sink. getOpenApi, which does not, is ${kb(openApi?.bytes ?? 0)} KB — zod alone.`,
    `With both changes applied to a copy (table "Proposed changes"): getInventory ${f(m('patched.getInventory'))} KB, projectInventory ${f(m('patched.projectInventory'))} KB, restockInventory ${f(m('patched.restockInventory'))} KB. ` +
      `The query and projection limits also need kafkajs out of those bundles: without kafkajs and the MSK signer getInventory would be ${f(m('patchedNoKafka.getInventory'))} KB and projectInventory ${f(m('patchedNoKafka.projectInventory'))} KB.`,
    `Start-up: bundled ${f(m('init.bundled'))} ms vs unbundled ${f(m('init.unbundled'))} ms (${f(m('init.ratio'))}×). Both load the AWS SDK from node_modules — external, as Lambda's runtime provides it — and that dominates: ` +
      `with the runtime's SDK preloaded, the package's own code starts in ${f(m('own.bundled'))} ms bundled vs ${f(m('own.unbundled'))} ms unbundled (${f(m('own.ratio'))}×). ` +
      `Loading @aws-sdk/client-kafka and the MSK IAM signer (which pulls client-sts and credential-providers) only when an ARN or IAM auth needs them saves ${f(m('initSaved.restockInventory'))} ms (restockInventory, both patches).`,
    `No handler connects at import: in the spawned process net.Socket.connect and dns.lookup were watched during the require and 300 ms after (${f(m('connects'))} functions attempted a connection).`,
    `The issue's external list (\`@aws-sdk/*\`, \`@smithy/*\`) is not serverless.yml's: serverless.yml leaves only three @aws-sdk packages external because aws-msk-iam-sasl-signer-js pins @smithy/signature-v4 v2, ` +
      `and built that way the largest bundle is ${kb(serverless)} KB (column "serverless.yml build").`,
  ];
}
