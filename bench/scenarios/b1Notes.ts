import os from 'node:os';
import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';

/** Why the B1 targets hold or cannot, in this run's numbers. */
export function b1Notes(metrics: readonly Metric[]): string[] {
  const m = (key: string) => medianOf(metrics, key);
  const dynamo = m('step.get') + m('step.put') + m('step.clear');
  const kafkaInIdempotent = m('idempotent.p50') - dynamo;
  return [
    `DynamoDB floor: every command makes three DynamoDB requests around its append (GetItem ${f(m('step.get'))} + PutItem ${f(m('step.put'))} + UpdateItem ${f(m('step.clear'))} = ${f(dynamo)} ms, means), ` +
      `already ${f(dynamo / m('raw.p50'))}× a raw send (${f(m('raw.p50'))} ms p50). "Transactional ≤ 3 × raw" cannot hold on this stack whatever the event log does: ` +
      `the idempotent path, with the same DynamoDB steps and a one-request append, is itself ${f(m('ratio.idemRaw'))}× raw.`,
    `The transaction: a transactional append takes ${f(m('step.append'))} ms (mean), against ≈ ${f(kafkaInIdempotent)} ms of Kafka in the idempotent command. ` +
      `On the wire one transaction is ${f(m('wire.tx'))} requests — FindCoordinator before AddPartitionsToTxn and again before EndTxn (${f(m('wire.txCoordinator'))} per append: kafkajs does not cache the coordinator), plus Produce — ` +
      `where an idempotent append is ${f(m('wire.idem'))}. Hence transactional / idempotent = ${f(m('ratio.txIdem'))}× at p50.`,
    `Scaling: ${f(m('thr.8'))} cmd/s with 8 callers against ${f(m('thr.1'))} with one (${f(m('thr.ratio'))}×). A command costs ${f(m('cpu.8'))} ms of CPU (bench process + dynalite + broker) ` +
      `and the machine was ${f(m('cpu.busy8'))} % busy during the 8-caller phase (other tenants included): ${os.cpus().length} cores cannot run more than ${f(m('cpu.ceiling'))}× the one-caller rate, ` +
      `so ≥ 3× is out of reach here. Pooling does help: poolSize 1 gives ${f(m('thr.8pool1'))} cmd/s; without transactions, ${f(m('thr.8idem'))} cmd/s.`,
    `Cost, every table and index counted (bench/support/capacityModel.ts): a command on a new aggregate costs ${f(m('cost.freshW'))} WCU (heads ${f(m('cost.freshHeads'))}, pending-since index ${f(m('cost.freshIndex'))}), ${f(m('cost.freshKeyW'))} with an Idempotency-Key (its item ${f(m('cost.freshKeyIdem'))}). ` +
      `At steady state the head remembers its last 32 commands as 16-character keys (${f(m('cost.headBytes'))} bytes after 110 commands) and is written twice per command (PutItem, then UpdateItem to clear pending), each billed for the whole item: ${f(m('cost.steadyHeads'))} WCU; ` +
      `the pending-since index projects ALL, so the put copies the head into it and the clear deletes it again, each billed for the item + 100 bytes (${f(m('cost.indexEntry'))} bytes): ${f(m('cost.steadyIndex'))} WCU. ` +
      `In all ${f(m('cost.steadyW'))} WCU and ${f(m('cost.steadyR'))} RCU per command, ${f(m('cost.steadyKeyW'))} WCU with an Idempotency-Key. With rememberedCommands: 20 the head stays at ${f(m('cost.head20Bytes'))} bytes and a command costs ${f(m('cost.steady20W'))} WCU.`,
    ...copiesNotes(m),
    `A ceiling for the whole service: every pending head carries the index key "pending", so all ${f(m('cost.hotIndexW'))} index WCU of every command land on one index partition, which takes about 1,000 WCU/s: ${f(m('cost.hotIndexCeiling'))} commands/s, whatever the number of aggregates (docs/CAPACITY.md).`,
  ];
}

/** Where the republished copies of B1's one-sku runs come from, and what the protocol would allow. */
function copiesNotes(m: (key: string) => number): string[] {
  const serial = 1000 / (m('step.get') + m('step.put') + m('step.append') + m('step.clear'));
  return [
    `Republished copies, 400 restocks of one sku read back from the topic: ${f(m('copies.w1'))} per 100 events with 1 writer, ${f(m('copies.w8'))} with 8 — each version was in the log ${f(1 + m('copies.w8') / 100)} times on average, one ${f(m('copies.w8Max'))} times; every version arrived (${f(m('copies.w8Versions'))}× the commands). ` +
      `Nothing crashed, so neither recovery nor step b published any of them: they were carried along (${f(m('copies.w8Carried'))} per 100 counted at the appends). ${f(m('copies.w8AppendsCarrying'))} % of the appends published earlier commands' records ahead of their own, outboxes of up to ${f(m('copies.w8Largest'))} records. ` +
      `The records cannot say it themselves — a copy keeps its original ce_commandid and ce_aggregateversion — so the bench tells them apart where they are appended: records whose command id is not the append's last were carried.`,
    `Why they snowball: step h clears the outbox only while the head is still at the command's version. With 8 writers the next command has nearly always written the head by then (${f(m('copies.w8Puts'))} head writes per command: ${f((1 - 1 / m('copies.w8Puts')) * 100)} % of them lose the compare-and-set), so the clear is skipped, the next head carries the whole outbox again, and it grows until step a's 64-record limit flushes it. ` +
      `Consumers skip the copies (version ≤ stored), so what they cost is log volume, consumer work and a longer append per command (${f(m('copies.w8Thr'))} cmd/s, p50 ${f(m('copies.w8P50'))} ms on one sku).`,
    `A reduction the protocol allows, not implemented here (it changes lib/commands): a published watermark. Step h would set publishedThrough = v+n on the head, conditional only on publishedThrough < v+n, and remove the outbox as today when the version still matches; step f would keep only outbox records (and entities) stamped above publishedThrough. ` +
      `It is safe for the reason step h is: the watermark is written after the transaction committed and the entity writes succeeded, so every version at or below it is in the log in version order and every entity is in its table. Copies would then come only from a command that read the head between another's head write and its watermark: at most the ${f(m('copies.w8Committed'))} per 100 that were already in the log when their carrier's append began would go (an upper bound: the carrier read the head a little earlier). ` +
      `Trade-off: one more attribute on the head and a clear that succeeds more often (still one UpdateItem per command), recovery must treat an outbox at or below the watermark as clean; the crash analysis keeps its rows ("g committed, not cleared" still republishes once).`,
    `The other reduction, waiting for the winner: a command whose read finds a young outbox (pendingSince within a bound of a few appends) reads the head again until it is cleared, and carries it along as today only past the bound. It removes nearly every copy, the single overlaps too, but serialises the aggregate — no head write while a publication is running: at most ${f(serial)} commands/s here from the step means, against ${f(m('copies.w8Thr'))} measured — adds a GetItem per poll, and makes every waiter pay for a slow or crashed winner up to the bound. ` +
      `The watermark keeps writers pipelined and costs no latency, so it comes first; a hot aggregate is better served by batch commands anyway (B9).`,
  ];
}
