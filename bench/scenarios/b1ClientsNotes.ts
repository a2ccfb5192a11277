import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';

/**
 * The side-by-side of the two event-log clients (b1Clients.ts) and why kafkajs stays the default
 * (lib/config/infraConfig.ts, KAFKA_CLIENT), in this run's numbers.
 */
export function clientsNotes(metrics: readonly Metric[]): string[] {
  const m = (key: string) => medianOf(metrics, key);
  const k = (metric: string) => m(`clients.kafkajs.${metric}`);
  const p = (metric: string) => m(`clients.platformatic.${metric}`);
  return [
    `Two clients, side by side (the event log alone, one record per transaction): kafkajs sends ${f(k('requests'))} requests per transactional append (${f(k('coordinator'))} FindCoordinator), @platformatic/kafka ${f(p('requests'))} (${f(p('coordinator'))}: it caches the coordinator — AddPartitionsToTxn, Produce, EndTxn, the rest being AddPartitionsToTxn retried after CONCURRENT_TRANSACTIONS while the previous markers are written; the first retry waits 2 ms, kafkajs's 10). ` +
      `An append takes ${f(k('p50'))} ms p50 / ${f(k('p99'))} ms p99 on kafkajs against ${f(p('p50'))} / ${f(p('p99'))} ms; with 8 callers on 8 producers ${f(k('thr8'))} against ${f(p('thr8'))} appends/s. ` +
      `The other side of the ledger: a minimal bundle of the adapter and its client is ${f(k('bundleGz'))} KB gzipped for kafkajs against ${f(p('bundleGz'))} KB (${f(k('bundle'))} vs ${f(p('bundle'))} KB minified: @platformatic/kafka brings ajv, avsc and its admin, consumer and registries, which tree-shaking cannot drop), and loading it takes ${f(k('load'))} ms against ${f(p('load'))} ms, most of it ajv compiling the library's option schemas at import; the first append of a fresh producer took ${f(k('first'))} vs ${f(p('first'))} ms.`,
    `Default: kafkajs. On Lambda the saving is about ${f(k('p50') - p('p50'))} ms and two requests per command, while every cold start of a function on @platformatic/kafka pays about ${f(p('load') - k('load'))} ms more before its first command, and its zip carries about ${f(p('bundleGz'))} KB more (the largest command zip, 154 KB in B5, would reach ~${f(154 + p('bundleGz'))} KB of the 400 KB limit). ` +
      `Packaged with --param="kafkaClient=platformatic" (once, by hand: the bench does not package), command zips were 379–389 KB and the four reactors' 403–406 KB, over their 400 KB limit; the default stack leaves the package out of every bundle (infra/aws/kafkaClient.ts). ` +
      `The 2.12.1 producer also needed a workaround to replace a producer discarded mid-transaction (InitProducerId sent (0, 0) instead of (-1, -1) and was fenced; lib/eventLog/platformaticProducer.ts). ` +
      `KAFKA_CLIENT=platformatic is worth it where environments live long and append much — a reactor under steady load, the local runtime — and the one to revisit when the library loads lazily: the wire and latency advantage is real.`,
  ];
}
