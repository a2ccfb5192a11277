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
    `A ceiling for the whole service: every pending head carries the index key "pending", so all ${f(m('cost.hotIndexW'))} index WCU of every command land on one index partition, which takes about 1,000 WCU/s: ${f(m('cost.hotIndexCeiling'))} commands/s, whatever the number of aggregates (docs/CAPACITY.md).`,
  ];
}
