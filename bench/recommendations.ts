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
    '1. **Append without a transaction when an append is one partition** (`lib/eventLog/kafkaEventLog.ts`). Every command ' +
      'carries one aggregate, so one key, one topic, one partition: kafkajs sends it as one record batch, which the broker ' +
      'appends whole or not at all, exactly the atomicity the transaction buys (appends that wait for a producer now share ' +
      'its next transaction, which spans their partitions; without transactions they would share one produce request). ' +
      `The idempotent producer makes ${f(b1('wire.idem'))} request per append instead of ${f(b1('wire.tx'))}; measured in B1 on the ` +
      `same command path: p50 ${f(b1('idempotent.p50'))} vs ${f(b1('transactional.p50'))} ms (−${pct(b1('transactional.p50'), b1('idempotent.p50'))}), ` +
      `8 callers ${f(b1('thr.8idem'))} vs ${f(b1('thr.8'))} cmd/s. It also removes the failure mode of docs/PROTOCOL.md's "during g" row ` +
      '(an abandoned open transaction stalls `read_committed` readers of its partition until the transaction timeout). Keep the ' +
      'transaction for appends spanning partitions, should one ever exist.',
    `2. Applied: **fewer commands per head** (\`rememberedCommands\` now defaults to 32, was 100). Both head writes ` +
      `of a command are billed for the whole item: ${f(b1('cost.steadyW'))} WCU per command with 32 remembered keys ` +
      `(${f(b1('cost.headBytes'))} bytes), ${f(b1('cost.steady20W'))} WCU with 20 (${f(b1('cost.head20Bytes'))} bytes), ${f(b1('cost.freshW'))} for a new aggregate; 100 keys made 2,729 bytes and 8 WCU. ` +
      'The window only matters for a retry whose first attempt died after its head write and before its response was stored; deciders that keep per-source entities (a reservation per order) are safe beyond it, forever.',
    '3. **Dead-letter without kafkajs in projections**: a projection bundles kafkajs only to write poison records to the dead-letter topic; ' +
      `without it (and the MSK IAM signer it brings) projectInventory would be ${f(b5('part.projectInventory.zod') + b5('part.projectInventory.own') + b5('part.projectInventory.other'))} KB instead of ` +
      `${f(b5('bundle.projectInventory'))} KB (limit 250). Needs another dead-letter channel.`,
    '4. **Ask kafkajs to cache the transaction coordinator**: it sends FindCoordinator before AddPartitionsToTxn and again before EndTxn, ' +
      `${f(b1('wire.txCoordinator'))} of the ${f(b1('wire.tx'))} requests of every transaction (B1). That is inside kafkajs (its eosManager), not this repository.`,
    `5. Observed, not measured as a change: under the local runtime at 100 commands/s, ${f(b4('concurrent100'))} transactions per 100 ` +
      'commands met CONCURRENT_TRANSACTIONS (a producer handed to the next command right after its commit); with 1. this goes ' +
      'away with the transactions.',
    '',
  ];
}
