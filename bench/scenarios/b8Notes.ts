import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';

/** What the windows buy and cost, in this run's numbers. */
export function b8Notes(metrics: readonly Metric[]): string[] {
  const m = (key: string) => medianOf(metrics, key);
  const per = (setup: string, which: string, role: string) => f(m(`${setup}.${which}.${role}`));
  return [
    `A one-line order reaches PAYMENT after three consumers in a row: the inventory reactor (OrderPlaced → StockReserved), ` +
      `the order reactor (→ OrderLineReserved, OrderReserved) and the order projection. With 1 s on every mapping each hop ` +
      `waits out its window: p50 ${f(m('old.sequential.p50'))} ms, and \`minVersion\`'s 2 s wait ends in a 503 ` +
      `(${f(m('old.sequential.retries'))} per 100 orders). With the topology's windows (none on reactors, projections and indexers) the ` +
      `hops cost a fetch and an invocation each: p50 ${f(m('now.sequential.p50'))} ms, p95 ${f(m('now.sequential.p95'))} ms ` +
      `one order at a time; p50 ${f(m('now.concurrent.p50'))} ms, p95 ${f(m('now.concurrent.p95'))} ms with 4 callers. ` +
      `The read polls the view after 25, 50, 100, 200 and then every 250 ms, so part of what is measured is that backoff.`,
    `The price is invocations, and only under load. One order at a time the windows change nothing: a reactor is invoked ` +
      `${per('now', 'sequential', 'reactor')} times per event without a window and ${per('old', 'sequential', 'reactor')} ` +
      `with 1 s, a projection ${per('now', 'sequential', 'projection')} and ${per('old', 'sequential', 'projection')}, since ` +
      `each batch holds one order's events either way. With 4 callers a 1 s window gathers several orders: a projection ` +
      `takes ${per('old', 'concurrent', 'projection')} invocations per event with it against ${per('now', 'concurrent', 'projection')} ` +
      `without, a reactor ${per('old', 'concurrent', 'reactor')} against ${per('now', 'concurrent', 'reactor')}. Without a window ` +
      `batches still grow with the load — a mapping runs one batch per partition at a time, and what arrives meanwhile is ` +
      `the next batch — so the gap is bounded by how long an invocation takes. The indexers have no window either, since ` +
      `a history read right after a command waits for them: ${per('now', 'sequential', 'indexer')} invocations per event ` +
      `one order at a time, ${per('now', 'concurrent', 'indexer')} with 4 callers (1 s: ${per('old', 'concurrent', 'indexer')}).`,
    `With 4 callers the p50 is ${f(m('now.concurrent.p50'))} ms against ${f(m('now.sequential.p50'))} ms alone, and the ` +
      `cost is the machine's, not a window's: the local runtime runs the API, every command and all ten consumers in one ` +
      `Node process, on 2 cores shared with the broker and dynalite. POST /orders itself goes from ` +
      `${f(m('now.sequential.command'))} ms p50 alone to ${f(m('now.concurrent.command'))} ms; a reactor runs its batch's ` +
      `commands one after another (a transaction each), so orders arriving together wait for each other at both reactor ` +
      `hops, and the read's backoff rounds the rest up to its next poll. On AWS every function has its own execution ` +
      `environment and every partition its own invocation.`,
    `On AWS the window is whole seconds (0–300); Kafka's 500 ms default exists only on a mapping that never set one. ` +
      `So a projection cannot coalesce for, say, 200 ms there: the choice is 0 (reads after a command wait ~one ` +
      `invocation) or ≥ 1 s (every read-your-writes waits a second, a saga's last hop too). The emulator takes fractions ` +
      `but the topology keeps to what AWS deploys, so this run measures what a deployment gets.`,
  ];
}
