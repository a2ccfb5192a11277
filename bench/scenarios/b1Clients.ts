import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Kafka } from 'kafkajs';
import { kafkaClients, type KafkaClient } from '../../lib/config/infraConfig';
import type { EventLog, LogRecord } from '../../lib/eventLog/eventLog';
import { createKafkaEventLog } from '../../lib/eventLog/kafkaEventLog';
import { createPlatformaticEventLog } from '../../lib/eventLog/platformaticEventLog';
import type { Recorder } from '../scenario';
import { percentile } from '../stats';
import { clientBundle } from '../support/clientBundle';
import { sequential, throughput } from '../support/load';

const LATENCY_APPENDS = 120;
const BLOCK = 20;
const CALLERS = 8;
const PER_CALLER = 40;
const COUNTED = 30;

/** Requests sent, by Kafka API key, while counting is on. */
class RequestCounter {
  readonly byApi = new Map<number, number>();
  on = false;
  add(apiKey: number): void {
    if (this.on) this.byApi.set(apiKey, (this.byApi.get(apiKey) ?? 0) + 1);
  }
  total = () => [...this.byApi.values()].reduce((sum, n) => sum + n, 0);
}
const FIND_COORDINATOR = 10;

/** A kafkajs client whose producers report every request to `counter` (instrumentation events). */
function countedKafka(kafka: Kafka, counter: RequestCounter): Kafka {
  return {
    producer: (config: Parameters<Kafka['producer']>[0]) => {
      const producer = kafka.producer(config);
      producer.on(producer.events.REQUEST, ({ payload }) => counter.add(payload.apiKey));
      return producer;
    },
  } as unknown as Kafka;
}

/** Each client's event log, as functions/platform/eventLog.ts builds it, and its request counter. */
function eventLogs(kafka: Kafka, brokers: readonly string[], poolSize: number) {
  const counters = { kafkajs: new RequestCounter(), platformatic: new RequestCounter() };
  // @platformatic/kafka publishes each request it sends on a diagnostics channel.
  const onRequest = (message: unknown) => counters.platformatic.add((message as { apiKey: number }).apiKey);
  subscribe('tracing:plt:kafka:connections:api:start', onRequest);
  const pool = { poolSize, transactionTimeoutMs: 30_000 };
  const logs: Record<KafkaClient, EventLog> = {
    kafkajs: createKafkaEventLog({
      ...pool,
      kafka: countedKafka(kafka, counters.kafkajs),
      transactionalIdPrefix: `b1-kafkajs-${poolSize}`,
    }),
    platformatic: createPlatformaticEventLog({
      ...pool,
      connection: { clientId: 'bench', bootstrapBrokers: [...brokers], requestTimeout: 3_000 },
      transactionalIdPrefix: `b1-platformatic-${poolSize}`,
    }),
  };
  const close = async () => {
    unsubscribe('tracing:plt:kafka:connections:api:start', onRequest);
    await Promise.allSettled(Object.values(logs).map((log) => log.close()));
  };
  return { logs, counters, close };
}

const record = (topic: string, key: string): LogRecord => ({
  topic,
  key,
  value: '{"type":"Restocked","data":{"quantity":1}}',
  headers: { ce_type: 'Restocked' },
});

/**
 * B1 side by side (issue 14, item 6): the event log on kafkajs and on @platformatic/kafka — Kafka
 * requests per transactional append, p50/p99 of one append, throughput with 8 callers, time to the
 * first committed append (connect + InitProducerId + transaction), and a minimal bundle of each
 * adapter: size and load time.
 */
export async function compareClients(
  kafka: Kafka,
  brokers: readonly string[],
  topic: string,
  recorder: Recorder,
): Promise<void> {
  const single = eventLogs(kafka, brokers, 1);
  try {
    for (const client of kafkaClients) {
      const started = performance.now();
      await single.logs[client].append([record(topic, 'first')]);
      recorder.record(
        `clients.${client}.first`,
        `${client}: first append (connect, epoch, commit)`,
        'ms',
        performance.now() - started,
      );
    }
    for (const client of kafkaClients) {
      const counter = single.counters[client];
      counter.on = true;
      await sequential(0, COUNTED, (i) => single.logs[client].append([record(topic, `c-${i % 10}`)]));
      counter.on = false;
      recorder.record(
        `clients.${client}.requests`,
        `${client}: Kafka requests per transactional append`,
        'requests',
        counter.total() / COUNTED,
      );
      recorder.record(
        `clients.${client}.coordinator`,
        `${client}: … of which FindCoordinator`,
        'requests',
        (counter.byApi.get(FIND_COORDINATOR) ?? 0) / COUNTED,
      );
    }
    const samples: Record<KafkaClient, number[]> = { kafkajs: [], platformatic: [] };
    for (let from = 0; from < LATENCY_APPENDS; from += BLOCK) {
      for (const client of kafkaClients) {
        const block = await sequential(from, from + BLOCK, (i) =>
          single.logs[client].append([record(topic, `l-${i % 30}`)]),
        );
        samples[client].push(...block);
      }
    }
    for (const client of kafkaClients) {
      recorder.record(
        `clients.${client}.p50`,
        `${client}: transactional append p50`,
        'ms',
        percentile(samples[client], 50),
      );
      recorder.record(
        `clients.${client}.p99`,
        `${client}: transactional append p99`,
        'ms',
        percentile(samples[client], 99),
      );
    }
  } finally {
    await single.close();
  }
  await throughputs(kafka, brokers, topic, recorder);
  for (const client of kafkaClients) {
    const bundle = await clientBundle(client);
    recorder.record(
      `clients.${client}.bundle`,
      `${client}: minimal adapter bundle, minified`,
      'KB',
      bundle.bytes / 1024,
    );
    recorder.record(
      `clients.${client}.bundleGz`,
      `${client}: … gzipped (≈ its share of a zip)`,
      'KB',
      bundle.gzipBytes / 1024,
    );
    recorder.record(`clients.${client}.load`, `${client}: loading that bundle (init)`, 'ms', bundle.loadMs);
  }
}

async function throughputs(kafka: Kafka, brokers: readonly string[], topic: string, recorder: Recorder) {
  const pooled = eventLogs(kafka, brokers, CALLERS);
  try {
    for (const client of kafkaClients) {
      // Warm every producer of the pool first: the measure is of appends, not of connecting.
      await Promise.all(
        Array.from({ length: CALLERS }, (_, c) => pooled.logs[client].append([record(topic, `w-${c}`)])),
      );
      const result = await throughput(CALLERS, PER_CALLER, (c, i) =>
        pooled.logs[client].append([record(topic, `t-${c}-${i % 5}`)]),
      );
      recorder.record(
        `clients.${client}.thr8`,
        `${client}: appends/s, ${CALLERS} callers, poolSize ${CALLERS}`,
        'appends/s',
        result.perSecond,
      );
    }
  } finally {
    await pooled.close();
  }
}
