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
    `Default: kafkajs. What @platformatic/kafka saves is requests, ${f(k('requests') - p('requests'))} per append; in time it did not show here beyond this machine's noise (p50, p99 and throughput above against their min–max across runs), because a round trip to a local broker costs a fraction of a millisecond — on MSK, across availability zones, each request saved is a network round trip. ` +
      `What it costs is certain: every cold start of a function on it loads about ${f(p('load') - k('load'))} ms more before its first command, and its zip carries about ${f(p('bundleGz') - k('bundleGz'))} KB more. ` +
      `Packaged with --param="kafkaClient=platformatic" (once, by hand: the bench does not package), command zips were 379–389 KB and the four reactors' 403–406 KB, over their 400 KB limit; the default stack leaves the package out of every bundle (infra/aws/kafkaClient.ts). ` +
      `The 2.12.1 producer also needed two workarounds (lib/eventLog/platformaticProducer.ts): InitProducerId sent (0, 0) instead of (-1, -1), so the replacement of a producer discarded mid-transaction was fenced; and a commit against a frozen broker took 6.1 s to fail, past the 5 s hang limit of reliability scenario 4, until bounded by one request timeout. ` +
      `KAFKA_CLIENT=platformatic is worth it where environments live long and append much (a reactor under steady load) and round trips are dear; revisit the default when the library loads lazily and fits a reactor's zip.`,
  ];
}
