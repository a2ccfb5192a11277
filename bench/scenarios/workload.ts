import type { EventTopicSpec } from '../support/eventTopic';

/**
 * The B2/B3 workload: one seeded generator, so a smaller workload is exactly the first events of a
 * larger one. B3 replays the 100,000 events; B2 projects the first 20,000 (BENCH_B2_EVENTS):
 * its naive baseline reads and writes DynamoDB once per event, ~3 ms here, and 100,000 of those per
 * run would take the whole bench's time budget.
 */
export const B2_EVENTS = Number(process.env.BENCH_B2_EVENTS ?? 20_000);
export const B3_EVENTS = Number(process.env.BENCH_B3_EVENTS ?? 100_000);

export function workloadSpec(runId: string, events: number): EventTopicSpec {
  return {
    topic: `bench-${runId}-events-${events}`,
    events,
    aggregates: 1_000,
    zipfExponent: 1,
    partitions: 6,
  };
}
