import type { CloudFormationCustomResourceCreateEvent, ScheduledEvent } from 'aws-lambda';
import { TOPICS_FUNCTION } from '../../aws/topicsResource';
import { functions, type FunctionSpec } from '../../topology';
import { EXAMPLE, EXAMPLE_TIME, type ExampleIds } from './examples';
import { httpEvent } from './httpEvents';
import { mskEvent } from './mskEvents';

// `events/<function>.json`: an example event for every function of serverless.yml, for
// `npx serverless invoke local --stage local -f <function> -p events/<function>.json` (README,
// "Invoke one function locally"). Generated from this code (`npx tsx infra/local/invokeEvents/write.ts`),
// and a unit test holds the files to it, so they follow the routes, topics and codecs.

/** What EventBridge passes a function on a `schedule` (`rate(1 minute)`). */
function scheduledEvent(spec: FunctionSpec): ScheduledEvent {
  return {
    version: '0',
    id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: EXAMPLE_TIME.replace('.000', ''),
    region: 'eu-west-1',
    resources: [`arn:aws:events:eu-west-1:123456789012:rule/kafka-event-sourcing-${spec.name}`],
    detail: {},
  };
}

/**
 * What CloudFormation sends the topics custom resource on a stack's creation. The function answers
 * at `ResponseURL`, a pre-signed S3 URL, so locally this one is to read, not to run.
 */
function topicsResourceEvent(): CloudFormationCustomResourceCreateEvent {
  const stackId = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/kafka-event-sourcing-dev/example';
  return {
    RequestType: 'Create',
    ServiceToken: `arn:aws:lambda:eu-west-1:123456789012:function:kafka-event-sourcing-dev-${TOPICS_FUNCTION}`,
    ResponseURL: 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/example',
    StackId: stackId,
    RequestId: 'example-request',
    LogicalResourceId: 'KafkaTopics',
    ResourceType: 'Custom::KafkaTopics',
    ResourceProperties: { ServiceToken: 'example' },
  };
}

function eventOf(spec: FunctionSpec, ids: ExampleIds): unknown {
  if (spec.http) return httpEvent(spec, ids);
  if (spec.msk) return mskEvent(spec, ids);
  if (spec.schedule) return scheduledEvent(spec);
  throw new Error(`${spec.name} has no route, topic or schedule to make an example event of`);
}

/**
 * Every function's example event, by function name: as `events/` holds them, or about other ids
 * (an order of yours: `write.ts --order <id>`).
 */
export function exampleEvents(ids: ExampleIds = EXAMPLE): Record<string, unknown> {
  const events: Record<string, unknown> = {};
  for (const spec of functions) events[spec.name] = eventOf(spec, ids);
  events[TOPICS_FUNCTION] = topicsResourceEvent();
  return events;
}
