import { formatNumber as f } from './report';
import { medianOf, type ScenarioResult } from './scenario';

/** The source changes the measurements call for, each with the numbers of this run behind it. */
export function recommendations(results: readonly ScenarioResult[]): string[] {
  const of = (id: string) => {
    const metrics = results.find((result) => result.id === id)?.metrics ?? [];
    return (key: string) => medianOf(metrics, key);
  };
  const b1 = of('B1');
  const b4 = of('B4');
  const b5 = of('B5');
  const pct = (from: number, to: number) => `${f((100 * (from - to)) / from)} %`;
  return [
    '## What the measurements call for',
    '',
    '1. **Append without a transaction when an append is one partition** (`lib/eventLog/kafkaEventLog.ts`). Every append the ' +
      'framework makes — a command, `recoverPending` — carries one aggregate, so one key, one topic, one partition: kafkajs ' +
      'sends it as one record batch, which the broker appends whole or not at all, exactly the atomicity the transaction buys. ' +
      `The idempotent producer makes ${f(b1('wire.idem'))} request per append instead of ${f(b1('wire.tx'))}; measured in B1 on the ` +
      `same command path: p50 ${f(b1('idempotent.p50'))} vs ${f(b1('transactional.p50'))} ms (−${pct(b1('transactional.p50'), b1('idempotent.p50'))}), ` +
      `8 callers ${f(b1('thr.8idem'))} vs ${f(b1('thr.8'))} cmd/s. It also removes the failure mode of docs/PROTOCOL.md's "during g" row ` +
      '(an abandoned open transaction stalls `read_committed` readers of its partition until the transaction timeout). Keep the ' +
      'transaction for appends spanning partitions, should one ever exist.',
    `2. **Remember fewer command ids per head** (\`DEFAULT_REMEMBERED\` in \`lib/commands/commandHandler.ts\`, 100). Both head writes ` +
      `of a command are billed for the whole item: ${f(b1('cost.steadyW'))} WCU per command once a head remembers 100 commands ` +
      `(${f(b1('cost.headBytes'))} bytes), ${f(b1('cost.steady20W'))} WCU with 20 (${f(b1('cost.head20Bytes'))} bytes), ${f(b1('cost.freshW'))} for a new aggregate.`,
    "3. **`import * as z from 'zod'`** instead of `import { z } from 'zod'` (14 files in `lib/` and `functions/`): " +
      `getInventory's bundle goes from ${f(b5('patchedBase.getInventory'))} to ${f(b5('patched.getInventory'))} KB; see B5's table of proposed changes for start-up.`,
    '4. **Load `@aws-sdk/client-kafka` and `aws-msk-iam-sasl-signer-js` lazily** (`lib/kafka/kafkaConnection.ts`): only an MSK ARN ' +
      'or IAM auth needs them, and the signer pulls client-sts and credential-providers into every cold start (B5: ' +
      `${f(b5('initSaved.restockInventory'))} ms saved on restockInventory together with 3.).`,
    '5. **Keep kafkajs out of query and projection bundles** (`functions/platform/platform.ts`, `services.ts`: a query needs the ' +
      'DynamoDB client and its snapshot store only; a projection could dead-letter without a Kafka producer). With 3. and 4., ' +
      `getInventory would be ${f(b5('patchedNoKafka.getInventory'))} KB and projectInventory ${f(b5('patchedNoKafka.projectInventory'))} KB, within their limits.`,
    `6. Observed, not measured as a change: under the local runtime at 100 commands/s, ${f(b4('concurrent100'))} transactions per 100 ` +
      'commands met CONCURRENT_TRANSACTIONS (a producer handed to the next command right after its commit); with 1. this goes ' +
      'away with the transactions.',
    '',
  ];
}
