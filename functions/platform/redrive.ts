import type { Context, MSKEvent } from 'aws-lambda';
import { redriving } from '../../lib/failures/failedBatches';
import { getConfig } from './config';

/**
 * A consumer that also runs its own failed batches again when they come back from the on-failure
 * topic (its second mapping): read models and reactors converge after an outage of any length.
 */
export function withRedrive<Result>(handler: (event: MSKEvent, context: Context) => Promise<Result>) {
  return redriving(handler, { failureTopic: getConfig().FAILURE_TOPIC });
}
