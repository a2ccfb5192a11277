import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';

/** Why the B2 targets hold or cannot, in this run's numbers. */
export function b2Notes(metrics: readonly Metric[]): string[] {
  const m = (key: string) => medianOf(metrics, key);
  const perRequest = m('naive.cpuBench') / m('naive.requests');
  return [
    `Correctness: the runner's snapshots equal the naive run's item for item (${f(m('diff100'))} and ${f(m('diff1000'))} differ), and the naive ones equal the events folded in memory (${f(m('diffExpected'))} differ).`,
    `Coalescing is at its floor: the runner writes an aggregate once per batch, so its writes per event for the hottest 10 % equal the fewest possible — the distinct hot aggregates of each delivered batch: ` +
      `${f(m('lib100.hotWrites'))} vs ${f(m('lib100.hotBound'))} at batch 100, ${f(m('lib1000.hotWrites'))} vs ${f(m('lib1000.hotBound'))} at batch 1000. ` +
      `Below 0.1 at batch 100 would need fewer writes than aggregates touched per batch. (The event source fills a batch in arrival order, one fetched partition batch after another, so a batch spans few partitions and covers fewer aggregates than a uniform sample of the topic would.)`,
    `Speed-up follows the request count: the naive projection makes ${f(m('naive.requests'))} DynamoDB requests per event, the runner ${f(m('lib100.requests'))} at batch 100 and ${f(m('lib1000.requests'))} at batch 1000 ` +
      `(${f(m('naive.requests') / m('lib100.requests'))}× and ${f(m('naive.requests') / m('lib1000.requests'))}× fewer), for ${f(m('ratio100'))}× and ${f(m('ratio1000'))}× the events/s. ` +
      `Each request costs ≈ ${f(perRequest)} µs of CPU in the bench process (the SDK) plus dynalite's share, and the machine has no idle core to overlap them, so at batch 100 the floor of ${f(m('lib100.writes'))} writes per event bounds the speed-up near the request ratio, below 10×. ` +
      `Against real DynamoDB, where a request is mostly network wait, the runner's 16 concurrent puts overlap and the naive loop's sequential requests do not.`,
    `Capacity per projected event (bench/support/capacityModel.ts, the view table and its indexes — none here): ${f(m('lib100.wcu'))} WCU + ${f(m('lib100.rcu'))} RCU at batch 100, ${f(m('lib1000.wcu'))} WCU + ${f(m('lib1000.rcu'))} RCU at batch 1000, against ${f(m('naive.wcu'))} WCU + ${f(m('naive.rcu'))} RCU read-one-write-one. ` +
      `A view with a GSI projecting ALL pays its index again on every put that changes a projected attribute, and twice when an index key changes (docs/CAPACITY.md).`,
  ];
}
