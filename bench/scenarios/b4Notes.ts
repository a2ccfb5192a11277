import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';

/** What bounds freshness and the command rate, in this run's numbers. */
export function b4Notes(metrics: readonly Metric[], windowSeconds: number): string[] {
  const m = (key: string) => medianOf(metrics, key);
  const windowMs = windowSeconds * 1000;
  return [
    `Freshness is the batching window plus one batch: the event source invokes the projection once 100 records have arrived or ${windowSeconds} s after the first; the p99 (${f(m('fresh100.p99'))} ms at 100/s, ${f(m('fresh50.p99'))} ms at 50/s) is the window plus ` +
      `${f(m('fresh100.p99') - windowMs)} ms for the fetch, the invocation (one BatchGetItem, the puts) and the probe's ≤ 20 ms poll.`,
    `The command path, not the projection, is what strains: at 100/s offered the local runtime acknowledges ${f(m('ok100'))} commands/s and commands queue (HTTP p50 ${f(m('ack100.p50'))} ms, p99 ${f(m('ack100.p99'))} ms; ` +
      `at 50/s p50 ${f(m('ack50.p50'))} ms). The runtime runs the API and every function in one Node process, which spends ${f(m('cpu100'))} ms of CPU per acknowledged command, on a machine ${f(m('busy100'))} % busy. ` +
      `Freshness is counted from the acknowledgement, so the queueing does not enter it.`,
  ];
}
