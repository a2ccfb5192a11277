import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';

/** Why the B3 target holds or cannot, in this run's numbers. */
export function b3Notes(metrics: readonly Metric[]): string[] {
  const m = (key: string) => medianOf(metrics, key);
  return [
    `Raw consumption with decoding runs at ${f(m('raw.rate'))} events/s for ${f(m('raw.cpu'))} µs of CPU per event. A rebuild also converts records into MSK events (the emulator's share), folds, reads and writes: ` +
      `at batch 10,000 the bench process spends ${f(m('b10000.cpuBench'))} µs per event (${f(m('b10000.cpuBench') / m('raw.cpu'))}× raw) and dynalite ${f(m('b10000.cpuDynalite'))} µs, with the machine ${f(m('b10000.busy'))} % busy.`,
    `A rebuild writes with writes: 'bulk' — one unconditional BatchWriteItem request per 25 changed aggregates per batch: ${f(m('b10000.writes'))} requests per event at batch 10,000 (${f(m('b1000.writes'))} at 1,000), 10,000 being the largest batch an MSK event source mapping delivers; the rebuilt table differs from the conditional projection's in ${f(m('b10000.mismatches'))} items (batch 10,000) and ${f(m('b1000.mismatches'))} (batch 1,000). ` +
      `Even so the rebuild reaches ${f(m('b10000.ratio'))} % of the raw rate (${f(m('b10000.handlerRatio'))} % counting only time inside the handler, i.e. without the emulator's record conversion that AWS does outside the function). ` +
      `50 % would leave ${f(2 * m('raw.cpu'))} µs of CPU per event for decoding, folding and writing; the DynamoDB SDK's per-request CPU (see B2) times the writes per event already uses most of that.`,
  ];
}
