import { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import type { ScenarioContext } from '../scenario';
import { DynamoMeter } from '../support/dynamoMeter';
import { ensureEventTopic, type EventTopicSpec } from '../support/eventTopic';
import { benchKafka } from '../support/kafka';

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

/**
 * What B2 and B3 start from: the workload's topic (produced once per bench run) and a DynamoDB
 * client whose requests are metered. The caller destroys the client.
 */
export async function prepareWorkload(context: ScenarioContext, events: number, clientId: string) {
  const spec = workloadSpec(context.runId, events);
  const kafka = benchKafka(context.kafkaBrokers, clientId);
  const workload = await ensureEventTopic(kafka, spec);
  context.log(
    `workload topic ready (${spec.events} events, produced in ${Math.round(workload.producedMs)} ms)`,
  );
  const dynamo = createDynamoClient({ AWS_REGION: 'eu-west-1', DYNAMODB_ENDPOINT: context.dynamoEndpoint });
  const meter = new DynamoMeter().attach(dynamo);
  return { spec, kafka, workload, dynamo, meter };
}
