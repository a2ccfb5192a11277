import { request } from 'node:https';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { readInfraConfig } from '../../lib/config/infraConfig';
import { createKafka } from '../../lib/kafka/kafkaConnection';
import { REPLICATION_FACTOR, topicConfigs } from '../topology';
import { ensureTopics } from './ensureTopics';

type Status = 'SUCCESS' | 'FAILED';

/**
 * The `Custom::KafkaTopics` resource: creates the topology's topics on the cluster before the
 * event source mappings start. Delete does nothing: the topics are the event log and outlive any
 * stack update or removal. It always answers CloudFormation — an unanswered custom resource holds
 * the stack for an hour — so the work runs against a deadline short of the function timeout.
 */
export async function handler(event: CloudFormationCustomResourceEvent, context: Context): Promise<void> {
  const physicalResourceId =
    event.RequestType === 'Create' ? `${event.StackId}/${event.LogicalResourceId}` : event.PhysicalResourceId;
  let status: Status = 'SUCCESS';
  let reason = 'topics in place';
  try {
    if (event.RequestType !== 'Delete') {
      const result = await withDeadline(createTopics(), context.getRemainingTimeInMillis() - 10_000);
      reason = `created: ${result.created.join(', ') || 'none'}`;
    }
  } catch (error) {
    status = 'FAILED';
    reason = `${error instanceof Error ? error.message : String(error)} (log stream ${context.logStreamName})`;
  }
  console.log(JSON.stringify({ requestType: event.RequestType, status, reason }));
  await respond(event.ResponseURL, {
    Status: status,
    Reason: reason.slice(0, 1000),
    PhysicalResourceId: physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
}

async function createTopics() {
  const kafka = await createKafka(readInfraConfig());
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await ensureTopics(admin, topicConfigs(REPLICATION_FACTOR.msk));
  } finally {
    await admin.disconnect();
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the cluster within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** PUTs the outcome to the pre-signed S3 URL CloudFormation waits on. */
function respond(url: string, body: Record<string, string>): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      // The URL is signed for an empty content type.
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
