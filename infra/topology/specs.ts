// The shape of a function of the topology. Part of infra/topology (index.ts says what it is for).
import type { TableKey, TopicKey } from './storage';

/** An MSK event source mapping, in the terms of `CreateEventSourceMapping`. */
export interface MskSource {
  readonly topic: TopicKey;
  /** Fixed for the life of the mapping: a new id starts over from TRIM_HORIZON. */
  readonly consumerGroupId: string;
  readonly batchSize: number;
  /** Seconds. */
  readonly maximumBatchingWindow: number;
  readonly startingPosition: 'TRIM_HORIZON';
  readonly maximumRetryAttempts: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** The topic (same cluster) that receives batches still failing after the retries. */
  readonly onFailure: TopicKey;
}

/**
 * The second mapping of a consumer, on the on-failure topic: it runs the consumer's own failed
 * batches again. On demand (no provisioned pollers: failures are rare), retried until it succeeds,
 * no destination — an outage of any length ends with every batch applied.
 */
export interface RedriveSource {
  readonly topic: 'lambdaFailures';
  readonly consumerGroupId: string;
  readonly batchSize: number;
  readonly maximumBatchingWindow: number;
  readonly startingPosition: 'TRIM_HORIZON';
}

export interface FunctionSpec {
  readonly name: string;
  /** `<file without extension>.<export>`, as Lambda and serverless.yml spell it. */
  readonly handler: string;
  readonly http?: { readonly method: 'GET' | 'POST'; readonly path: string };
  /** A command route (Idempotency-Key, If-Match). */
  readonly command?: boolean;
  /** Served without a token (`/health`, `/openapi.json`); every other route is behind the JWT authorizer. */
  readonly public?: boolean;
  /** Scopes API Gateway requires before invoking (`authorizationScopes`): one of them must be in the token. */
  readonly scopes?: readonly string[];
  readonly msk?: MskSource;
  readonly redrive?: RedriveSource;
  /** Topics read back by offset (history, gap repair): no consumer group. */
  readonly readsLog?: readonly TopicKey[];
  /** An EventBridge schedule expression. */
  readonly schedule?: string;
  /** Seconds. */
  readonly timeout: number;
  /** Tables read by key (GetItem, BatchGetItem). */
  readonly reads: readonly TableKey[];
  /** Tables queried through their secondary indexes. */
  readonly queries?: readonly TableKey[];
  readonly writes: readonly TableKey[];
  readonly produces: readonly TopicKey[];
  /** Produces inside Kafka transactions (commands, reactors, recovery), not just idempotently. */
  readonly transactional: boolean;
}
