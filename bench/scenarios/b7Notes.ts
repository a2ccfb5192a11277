import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';

/** What a read back from the log costs, whether it grows with the log, and what the index costs. */
export function b7Notes(metrics: readonly Metric[]): string[] {
  const m = (key: string) => medianOf(metrics, key);
  const growth = m('full.page.p50') / m('small.page.p50');
  return [
    `The same 20 accounts of 100 events read back when the log held a tenth of its events and at its full size: ` +
      `history page p50 ${f(m('small.page.p50'))} → ${f(m('full.page.p50'))} ms (×${f(growth)}), ` +
      `state at version 100 ${f(m('small.version.p50'))} → ${f(m('full.version.p50'))} ms, ` +
      `state at an instant ${f(m('small.at.p50'))} → ${f(m('full.at.p50'))} ms. ` +
      `A read is one index Query over the runs it needs (from fromVersion − 99) and one fetch per run of nearby offsets, ` +
      `so its cost follows the aggregate's scatter in the log, not the partition's size.`,
    `These accounts are the worst case for reads: round-robin interleaving puts each of their events in its own place ` +
      `(about 170 offsets apart in a partition), so a read of 100 events is 100 index entries and up to 100 Kafka fetches (16 in flight). ` +
      `A command's events are adjacent and an active aggregate's are dense: those read in fewer fetches.`,
    `Index cost: ${f(m('full.index.wcu'))} write units per event (${f(m('full.index.items'))} items per event, largest ${f(m('full.index.largest'))} bytes). ` +
      `Round-robin interleaving makes every event its own run; an aggregate with several events in one batch (a command's, a hot one's) ` +
      `shares one item among up to 100 versions. On demand at $0.625 per million write units that is about ` +
      `$${f(m('full.index.wcu') * 0.625)} per million events at this interleaving.`,
    `verify folds ${f(m('verify.rate'))} events per second from the log (one process, reads 16 in flight; heads and views in memory here, ` +
      `so this is the log's share), with ${f(m('verify.mismatches'))} mismatches over ${f(m('verify.events'))} events.`,
  ];
}
