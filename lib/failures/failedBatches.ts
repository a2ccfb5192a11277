import type { Context, MSKEvent } from 'aws-lambda';
import { mskRecordsInOrder } from '../kafka/mskRecord';

/** What the event source mapping writes to its on-failure topic for a batch whose retries ran out. */
interface InvocationRecord {
  readonly requestContext?: { readonly functionArn?: unknown };
  readonly payload?: unknown;
}

/**
 * The batches of one function that reached the on-failure topic, as the MSK events they were: the
 * invocation record's `payload`. Records of other functions, or that are not invocation records,
 * are left alone (every function's redrive mapping reads the whole topic).
 *
 * @example
 * for (const batch of failedBatchesOf(event, context.functionName)) await handler(batch, context);
 */
export function failedBatchesOf(event: MSKEvent, functionName: string): MSKEvent[] {
  const batches: MSKEvent[] = [];
  for (const record of mskRecordsInOrder(event)) {
    const named = record.headers.lambda_function_name?.toString('utf8');
    let invocation: InvocationRecord;
    try {
      invocation = JSON.parse(record.value?.toString('utf8') ?? 'null') as InvocationRecord;
    } catch {
      continue;
    }
    const arn = invocation?.requestContext?.functionArn;
    const owner = named ?? (typeof arn === 'string' ? functionNameOf(arn) : undefined);
    if (owner !== functionName || !isMskEvent(invocation.payload)) continue;
    batches.push(invocation.payload);
  }
  return batches;
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` → `<name>`. */
export function functionNameOf(arn: string): string | undefined {
  return /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(arn)?.[1];
}

function isMskEvent(value: unknown): value is MSKEvent {
  const records = (value as { records?: unknown } | null)?.records;
  return typeof records === 'object' && records !== null && !Array.isArray(records);
}

/** Whether an event came from the on-failure topic (the redrive mapping), not from a source topic. */
export function fromFailureTopic(event: MSKEvent, failureTopic: string): boolean {
  return Object.values(event.records ?? {}).some((records) =>
    records.some((record) => record.topic === failureTopic),
  );
}

/**
 * A Kafka-triggered handler that also takes its own failed batches back from the on-failure topic
 * (a second event source mapping on it): each is run again, in order, exactly as it first came.
 * Everything the runners do is idempotent by version, so a batch applied meanwhile changes
 * nothing, and one that still fails fails this invocation, which the mapping retries.
 *
 * @example
 * export const handler = redriving(createProjectionHandler({ … }), { failureTopic: config.FAILURE_TOPIC });
 */
export function redriving<Result>(
  handler: (event: MSKEvent, context: Context) => Promise<Result>,
  options: { readonly failureTopic: string },
): (event: MSKEvent, context: Context) => Promise<Result | { redriven: number }> {
  return async (event, context) => {
    if (!fromFailureTopic(event, options.failureTopic)) return handler(event, context);
    const batches = failedBatchesOf(event, context.functionName);
    for (const batch of batches) await handler(batch, context);
    return { redriven: batches.length };
  };
}
