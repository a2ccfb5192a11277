import type { Admin, Kafka } from 'kafkajs';

/** Where a partition's log starts and ends, for a read_committed and a read_uncommitted reader. */
export interface PartitionBounds {
  readonly topic: string;
  readonly partition: number;
  /** The log start offset (where TRIM_HORIZON reads from). */
  readonly low: string;
  /** The last stable offset: how far a read_committed consumer can read. */
  readonly stable: string;
  /** The high watermark: past `stable` while a transaction is open or its markers are not yet written. */
  readonly high: string;
}

/** The slice of kafkajs's internal Cluster this module calls. */
interface Cluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  fetchTopicsOffset(
    topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

type ClusterFactory = (options: { isolationLevel: number; allowAutoTopicCreation: boolean }) => Cluster;

const READ_UNCOMMITTED = 0;

/**
 * Reads partition bounds. kafkajs's admin sends ListOffsets without an isolation level, which its
 * request builder turns into READ_COMMITTED: the admin's "high" offsets are last stable offsets.
 *
 * The high watermark is needed too: `transaction.commit()` returns once the coordinator has
 * decided, and the commit markers (which move the last stable offset) are written a few
 * milliseconds later. Until then only the high watermark shows that records are on their way. kafkajs
 * sends READ_UNCOMMITTED only from a cluster created with that isolation level, and only its private
 * cluster factory creates one; kafkajs is frozen at 2.2.4, so this reaches for it once, here.
 * Without it, `high` equals `stable` (and that race goes undetected).
 */
export class LogBounds {
  private constructor(
    private readonly admin: Admin,
    private readonly uncommitted: Cluster | undefined,
  ) {}

  /** `admin` must be connected. */
  static async open(kafka: Kafka, admin: Admin): Promise<LogBounds> {
    const symbol = Object.getOwnPropertySymbols(kafka).find(
      (s) => s.description === 'private:Kafka:createCluster',
    );
    const factory = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
    if (typeof factory !== 'function') return new LogBounds(admin, undefined);
    const cluster = (factory as ClusterFactory)({
      isolationLevel: READ_UNCOMMITTED,
      allowAutoTopicCreation: false,
    });
    await cluster.connect();
    return new LogBounds(admin, cluster);
  }

  /** The bounds of every partition of `topics`. */
  async read(topics: readonly string[]): Promise<PartitionBounds[]> {
    const perTopic = await Promise.all(topics.map((topic) => this.readTopic(topic)));
    return perTopic.flat();
  }

  async close(): Promise<void> {
    await this.uncommitted?.disconnect();
  }

  private async readTopic(topic: string): Promise<PartitionBounds[]> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    const highOf = await this.highWatermarks(topic, offsets);
    return offsets.map(({ partition, low, high: stable }) => ({
      topic,
      partition,
      low,
      stable,
      high: highOf.get(partition) ?? stable,
    }));
  }

  private async highWatermarks(
    topic: string,
    offsets: { partition: number }[],
  ): Promise<Map<number, string>> {
    if (!this.uncommitted) return new Map();
    await this.uncommitted.addTargetTopic(topic);
    const partitions = offsets.map(({ partition }) => ({ partition }));
    const [result] = await this.uncommitted.fetchTopicsOffset([{ topic, fromBeginning: false, partitions }]);
    return new Map(result?.partitions.map((p) => [p.partition, p.offset]));
  }
}
