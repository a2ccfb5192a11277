import type { Context, MSKEvent } from 'aws-lambda';
import type { Kafka } from 'kafkajs';

/** Where a consumer group without committed offsets starts (AT_TIMESTAMP is not emulated). */
export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

/** The settings of one emulated event source mapping; names follow CreateEventSourceMapping. */
export interface MskEventSourceOptions {
  /** The caller's client: the emulator creates its consumer, admin and producer from it. */
  readonly kafka: Kafka;
  readonly functionName: string;
  readonly topics: readonly string[];
  /** Like AmazonManagedKafkaEventSourceConfig.ConsumerGroupId: an existing group resumes. */
  readonly consumerGroupId: string;
  /** Default 100, at most 10,000. */
  readonly batchSize?: number;
  /** Default 0.5; 0 invokes with whatever one fetch returned. At most 300. */
  readonly maximumBatchingWindowSeconds?: number;
  readonly startingPosition: StartingPosition;
  /** Retries after the first attempt; -1 (the default) retries forever, as on AWS. */
  readonly maximumRetryAttempts?: number;
  readonly bisectBatchOnFunctionError?: boolean;
  /** A topic of the same cluster, like a `kafka://` on-failure destination. */
  readonly onFailureTopic?: string;
  readonly handler: (event: MSKEvent, context: Context) => Promise<unknown>;
  /** Receives one structured entry per invocation (and per problem); default: discarded. */
  readonly log?: (entry: object) => void;
  /** `eventSourceArn` of the events; default a fake local MSK cluster ARN. */
  readonly clusterArn?: string;
  /** `bootstrapServers` of the events; default `localhost:9092`. */
  readonly bootstrapServers?: string;
  /** What `context.getRemainingTimeInMillis()` counts down from; not enforced. Default 60. */
  readonly functionTimeoutSeconds?: number;
}

/** The options with every default applied. `maxRetries` is `Infinity` for "retry forever". */
export interface ResolvedOptions extends Required<
  Omit<MskEventSourceOptions, 'onFailureTopic' | 'maximumRetryAttempts'>
> {
  readonly onFailureTopic: string | undefined;
  readonly maxRetries: number;
}

export const DEFAULT_CLUSTER_ARN =
  'arn:aws:kafka:eu-west-1:000000000000:cluster/local/00000000-0000-0000-0000-000000000000-1';

// AWS: "with infinite retries and a destination, retries are capped at 10" (see AWS-NOTES.md).
const RETRIES_WITH_DESTINATION = 10;

/**
 * Applies the AWS defaults and rejects what AWS would reject (out-of-range numbers, a failure
 * destination that is also a source topic: AWS blocks that to prevent recursion).
 *
 * @example
 * const resolved = resolveOptions({ kafka, functionName: 'project', topics: ['orders'], ... });
 */
export function resolveOptions(options: MskEventSourceOptions): ResolvedOptions {
  const resolved = withDefaults(options);
  const { batchSize, maximumBatchingWindowSeconds: window, maximumRetryAttempts: retries, topics } = resolved;
  const problems = [
    check(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000, 'batchSize must be 1..10000'),
    check(window >= 0 && window <= 300, 'maximumBatchingWindowSeconds must be 0..300'),
    check(Number.isInteger(retries) && retries >= -1 && retries <= 10_000, 'maximumRetryAttempts: -1..10000'),
    check(topics.length > 0, 'topics must not be empty'),
    check(!topics.includes(options.onFailureTopic ?? ''), 'onFailureTopic must not be a source topic'),
    check(options.consumerGroupId.length > 0, 'consumerGroupId must not be empty'),
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) {
    throw new RangeError(`mskEventSource ${options.functionName}: ${problems.join('; ')}`);
  }
  const forever = options.onFailureTopic ? RETRIES_WITH_DESTINATION : Infinity;
  return {
    ...resolved,
    onFailureTopic: options.onFailureTopic,
    maxRetries: retries === -1 ? forever : retries,
  };
}

function withDefaults(options: MskEventSourceOptions) {
  return {
    ...options,
    batchSize: options.batchSize ?? 100,
    maximumBatchingWindowSeconds: options.maximumBatchingWindowSeconds ?? 0.5,
    maximumRetryAttempts: options.maximumRetryAttempts ?? -1,
    bisectBatchOnFunctionError: options.bisectBatchOnFunctionError ?? false,
    log: options.log ?? (() => undefined),
    clusterArn: options.clusterArn ?? DEFAULT_CLUSTER_ARN,
    bootstrapServers: options.bootstrapServers ?? 'localhost:9092',
    functionTimeoutSeconds: options.functionTimeoutSeconds ?? 60,
  };
}

function check(ok: boolean, problem: string): string | undefined {
  return ok ? undefined : problem;
}
