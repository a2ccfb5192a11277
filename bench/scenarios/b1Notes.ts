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
    `Cost, every table and index counted (bench/support/capacityModel.ts): a command on a new aggregate costs ${f(m('cost.freshW'))} WCU (heads ${f(m('cost.freshHeads'))}, recovery index ${f(m('cost.freshIndex'))}), ${f(m('cost.freshKeyW'))} with an Idempotency-Key (its item ${f(m('cost.freshKeyIdem'))}). ` +
      `At steady state the head remembers its last 32 commands packed, 14 bytes each (${f(m('cost.headBytes'))} bytes after 110 commands), and is written twice per command (PutItem, then the UpdateItem of step h), each billed for the whole item: ${f(m('cost.steadyHeads'))} WCU; ` +
      `the recovery index keeps keys only, so the head enters it and leaves it for one write unit each (${f(m('cost.indexEntry'))}-byte entries): ${f(m('cost.steadyIndex'))} WCU. ` +
      `In all ${f(m('cost.steadyW'))} WCU and ${f(m('cost.steadyR'))} RCU per command, ${f(m('cost.steadyKeyW'))} WCU with an Idempotency-Key. The first design, priced in the same run: ${f(m('cost.firstSteadyW'))} WCU at steady state (a ${f(m('cost.firstHeadBytes'))}-byte head written twice, copied into an index projecting ALL and deleted again), ${f(m('cost.firstFreshW'))} for a new aggregate. With rememberedCommands: 20 the head is ${f(m('cost.head20Bytes'))} bytes and a command costs ${f(m('cost.steady20W'))} WCU.`,
    `Why not 2 WCU (the target): a command must write the head once to decide (compare-and-set), must leave a trace a recovery can find without a key every command writes, and must record that its events are out — or every later command republishes them. ` +
      `Each of those is at least one write unit: the head's put, the index entry in and out (or any other recovery record, put and deleted), and step h. Two of them could be free only by giving something up: ` +
      `without step h every command carries all earlier records (the copies below, unbounded); without a recovery record a command that dies between its head write and its transaction, with no later command on that aggregate, is never published. ` +
      `What would reach 2 on AWS is a recovery trace that costs no write unit: DynamoDB Streams on the heads table (reads by a Lambda consumer are free) instead of the index, a relay publishing what stays unmarked — dynalite has no streams, so it cannot be built and tested here; it is the next step for the cost target.`,
    castoreNote(m),
    ...copiesNotes(m),
    `No key every command writes: the recovery index's key is one of 32 values computed from the aggregate id, so one aggregate's ${f(m('cost.hotIndexW'))} index WCU per command land on one of them and the service's commands on all: ${f(m('cost.hotIndexCeiling'))} commands/s before an index partition fills (the first design's one key "pending" took 250; docs/CAPACITY.md).`,
  ];
}

/** Where the republished copies of B1's one-sku runs come from, and what the watermark removed. */
function copiesNotes(m: (key: string) => number): string[] {
  return [
    `Republished copies, 400 restocks of one sku read back from the topic: ${f(m('copies.w1'))} per 100 events with 1 writer, ${f(m('copies.w8'))} with 8 — each version was in the log ${f(1 + m('copies.w8') / 100)} times on average, one ${f(m('copies.w8Max'))} times; every version arrived (${f(m('copies.w8Versions'))}× the commands). ` +
      `Nothing crashed, so neither recovery nor step b published any of them: they were carried along (${f(m('copies.w8Carried'))} per 100 counted at the appends). ${f(m('copies.w8AppendsCarrying'))} % of the appends published earlier commands' records ahead of their own, outboxes of up to ${f(m('copies.w8Largest'))} records. ` +
      `The records cannot say it themselves — a copy keeps its original ce_commandid and ce_aggregateversion — so the bench tells them apart where they are appended: records whose command id is not the append's last were carried.`,
    `The first design (no watermark), 8 writers in the same run: ${f(m('copies.firstW8'))} copies per 100 events (outboxes snowballing to 64 records): step h cleared the outbox only while the head was still at the command's version, and with ${f(m('copies.w8Puts'))} head writes per command the next command had nearly always moved it on. ` +
      `Now step h raises publishedThrough instead and the next command leaves those records behind (docs/PROTOCOL.md, "The published watermark"). What remains is a command that read the head between another's head write and its step h: it cannot know whether that transaction will commit, so it carries those records — at most the writers in flight, not the history. ` +
      `Waiting for the winner instead (read again until the outbox clears) would remove those too but serialise the aggregate and make every waiter pay for a slow or crashed winner; a hot aggregate is better served by batch commands (B9). ` +
      `On one sku with 8 writers: ${f(m('copies.w8Thr'))} cmd/s, p50 ${f(m('copies.w8P50'))} ms.`,
  ];
}

/** What the Castore peer does and does not do, and why the comparison is fair. */
function castoreNote(m: (key: string) => number): string {
  const dynamo = m('step.get') + m('step.put') + m('step.clear');
  return (
    `Castore as a peer: the same restock on Castore 2's DynamoDB event store (bench/support/castorePeer.ts, the single-table adapter and its KEYS_ONLY initialEvents index as its README sets them up, our decider's evolve as its reducer), in the same latency blocks: p50 ${f(m('castore.p50'))} ms, p99 ${f(m('castore.p99'))} ms, so ours is ${f(m('ratio.txCastore'))}× at p50. ` +
    `It makes two DynamoDB requests (Query ${f(m('castore.step.query'))} + PutItem ${f(m('castore.step.put'))} ms, means) where ours makes three around its transaction (${f(dynamo)} ms above; our put and update also enter and leave the recovery index, which dynalite writes before it answers, where AWS propagates a GSI asynchronously). ` +
    `1.5 × Castore's p50 is ${f(1.5 * m('castore.p50'))} ms, and the Kafka transaction alone takes ${f(m('step.append'))} ms (mean): the target cannot hold while every command commits a transaction, and even the idempotent path is ${f(m('idempotent.p50') / m('castore.p50'))}× Castore. ` +
    `It reads the aggregate with a consistent Query of all its events (Castore has no snapshots yet, so this is its one setup, not a handicap we chose; the latency blocks give each aggregate at most 4 events a run, the case most favourable to it), decides, and puts one event conditioned on its version not existing — Castore's optimistic concurrency, retried twice by its Command. ` +
    `It publishes nothing: no Kafka, no transaction, no recovery trace (Castore's ConnectedEventStore can publish to a message bus after the put, but not atomically with it, and is not wired here); our p50 pays for the transaction that makes every event reach the topic. ` +
    `Its cost: ${f(m('castore.freshW'))} WCU a command on a new aggregate (the index entry ${f(m('castore.freshIndex'))}), ${f(m('castore.steadyW'))} WCU later, against our ${f(m('cost.freshW'))} and ${f(m('cost.steadyW'))}; but its read grows with the history: ${f(m('castore.steadyR'))} RCU and p50 ${f(m('castore.steadyP50'))} ms on an aggregate of 110 events, where our head read stays at ${f(m('cost.steadyR'))} RCU.`
  );
}
