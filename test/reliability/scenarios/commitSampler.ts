import type { Kafka } from 'kafkajs';
import { CeHeader } from '../../../lib/envelope/headers';
import { consumeFromStart, type ConsumedMessage } from '../../integration/support/kafka';

/** What was committed and what was written, read in that order at one moment. */
export interface CommitSample {
  readonly committed: ReadonlyMap<number, bigint>;
  readonly versions: ReadonlyMap<string, number>;
}

export interface SamplerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topic: string;
  /** The snapshot version of every aggregate of interest, read consistently. */
  readonly readVersions: () => Promise<Map<string, number>>;
  readonly intervalMs?: number;
}

/**
 * Samples a projection's consumer group while it runs: first its committed offsets, then the
 * snapshots. If offsets are only ever committed after the batch's writes succeeded, every record
 * below a sampled offset is already in the snapshots read after it — checked by
 * {@link commitViolations} once the topic's records are known.
 *
 * @example
 * const sampler = startCommitSampler({ kafka, groupId, topic, readVersions });
 * ... load ...
 * const samples = await sampler.stop();
 */
export function startCommitSampler(options: SamplerOptions): { stop(): Promise<CommitSample[]> } {
  const samples: CommitSample[] = [];
  const admin = options.kafka.admin();
  let running = true;
  const loop = (async () => {
    await admin.connect();
    while (running) {
      try {
        const [offsets] = await admin.fetchOffsets({ groupId: options.groupId, topics: [options.topic] });
        const committed = new Map((offsets?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
        samples.push({ committed, versions: await options.readVersions() });
      } catch {
        // A sample is optional; the group may not exist yet.
      }
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
    }
    await admin.disconnect();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** A record of the topic: where it is and which aggregate version it carries. */
export interface PlacedEvent {
  readonly partition: number;
  readonly offset: bigint;
  readonly aggregateId: string;
  readonly version: number;
}

/** Every record of `topic` (read_committed) until `distinctVersions` aggregate versions were seen. */
export async function placedEvents(topic: string, distinctVersions: number): Promise<PlacedEvent[]> {
  const seen = new Set<string>();
  const placed = (message: ConsumedMessage): PlacedEvent => ({
    partition: message.partition,
    offset: BigInt(message.offset),
    aggregateId: message.headers?.[CeHeader.subject]?.toString() ?? '',
    version: Number(message.headers?.[CeHeader.aggregateVersion]?.toString()),
  });
  const messages = await consumeFromStart(topic, {
    timeoutMs: 30_000,
    // Called once per message with all of them so far: only the newest needs counting.
    until: (all) => {
      const { aggregateId, version } = placed(all[all.length - 1]!);
      seen.add(`${aggregateId}/${version}`);
      return seen.size >= distinctVersions;
    },
  });
  return messages.map(placed);
}

/** Samples in which a committed offset covers a record the snapshots did not yet reflect. */
export function commitViolations(samples: readonly CommitSample[], events: readonly PlacedEvent[]): string[] {
  const violations: string[] = [];
  for (const [index, sample] of samples.entries()) {
    for (const event of events) {
      const committed = sample.committed.get(event.partition) ?? -1n;
      if (committed <= event.offset) continue;
      const written = sample.versions.get(event.aggregateId) ?? 0;
      if (written < event.version) {
        violations.push(
          `sample ${index}: offset ${event.partition}/${committed} committed, ${event.aggregateId} at ${written} < ${event.version}`,
        );
      }
    }
  }
  return violations;
}
