import fc from 'fast-check';
import type { MSKRecord } from 'aws-lambda';
import { InMemoryDeadLetterSink } from '../../../../lib/deadLetter/inMemoryDeadLetterSink';
import type { EventEnvelope } from '../../../../lib/envelope/eventEnvelope';
import { ProjectionBatchError } from '../../../../lib/projections/projectionBatchError';
import { createProjectionHandler } from '../../../../lib/projections/projectionHandler';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';
import {
  accountCatalog,
  accountHistory,
  accountProjection,
  type AccountDoc,
  type AccountEvent,
} from '../../../support/accountProjection';
import { FakeTopic, mskEvent } from '../../../support/mskEvents';

// A topic holding interleaved account histories, republished duplicates and poison records, and
// deliveries of windows of each partition, each delivered one to three times.
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const scenario = fc.record({
  partitions: fc.integer({ min: 1, max: 3 }),
  histories: fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 6 }), {
    minLength: 1,
    maxLength: 4,
  }),
  interleaving: fc.array(fc.nat(), { maxLength: 30 }),
  republished: fc.array(fc.nat(), { maxLength: 3 }),
  poisonAt: fc.array(fc.nat(), { maxLength: 2 }),
  deliveries: fc.array(
    fc.record({
      windows: fc.array(fc.tuple(fraction, fraction), { minLength: 3, maxLength: 3 }),
      times: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 8 },
  ),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function buildTopic(s: Scenario): FakeTopic {
  const queues = s.histories.map((amounts, index) => accountHistory(`acc-${index}`, amounts));
  const sequence: (EventEnvelope<AccountEvent> | 'poison')[] = [];
  for (const choice of s.interleaving) {
    const open = queues.filter((queue) => queue.length > 0);
    if (open.length > 0) sequence.push(open[choice % open.length]!.shift()!);
  }
  sequence.push(...queues.flat());
  for (const choice of s.republished) sequence.push(sequence[choice % sequence.length]!);
  for (const choice of s.poisonAt) sequence.splice(choice % (sequence.length + 1), 0, 'poison');
  const topic = new FakeTopic('accounts', s.partitions);
  for (const item of sequence) {
    if (item === 'poison') topic.appendRaw({ key: 'acc-0', value: '{"not":"an event"}', headers: {} });
    else topic.append(accountCatalog, item);
  }
  return topic;
}

function newHandler() {
  const store = new InMemorySnapshotStore<AccountDoc>();
  const handler = createProjectionHandler({
    projection: accountProjection,
    store,
    deadLetters: new InMemoryDeadLetterSink(),
    log: () => undefined,
  });
  return { store, handler };
}

async function cleanDelivery(s: Scenario, topic: FakeTopic) {
  const { store, handler } = newHandler();
  await handler(mskEvent(topic.records));
  return store.getMany(s.histories.map((_, index) => `acc-${index}`));
}

type Window = (log: MSKRecord[], done: number, window: [number, number]) => [number, number];

// Like the event source mapping: a batch starts at or before the committed offset (a retry, or a
// poller rewinding) and never skips records that were not yet processed.
const resumingWindow: Window = (log, done, [a, b]) => {
  const start = Math.min(done, Math.floor(a * (done + 1)));
  return [start, start + Math.floor(b * (log.length - start + 1))];
};

// Anything goes, including suffixes before their prefixes: such batches fail on gaps.
const anyWindow: Window = (log, _done, [a, b]) => {
  const start = Math.floor(a * (log.length + 1));
  return [start, start + Math.floor(b * (log.length - start + 1))];
};

async function deliverAll(s: Scenario, topic: FakeTopic, window: Window, tolerateGaps: boolean) {
  const { store, handler } = newHandler();
  const logs = Array.from({ length: s.partitions }, (_, p) => topic.partition(p));
  const done = logs.map(() => 0);
  for (const delivery of s.deliveries) {
    const slices = logs.map((log, p) => window(log, done[p]!, delivery.windows[p]!));
    const batch = slices.flatMap(([start, end], p) => logs[p]!.slice(start, end));
    for (let time = 0; time < delivery.times; time += 1) {
      const failed = await handler(mskEvent(batch)).then(
        () => false,
        (error: unknown) => {
          if (!tolerateGaps || !(error instanceof ProjectionBatchError)) throw error;
          return true;
        },
      );
      if (!failed)
        slices.forEach(([, end], p) => (done[p] = Math.max(done[p]!, Math.min(end, logs[p]!.length))));
    }
  }
  // The mapping goes on from its committed offsets until it has caught up.
  await handler(mskEvent(logs.flatMap((log, p) => log.slice(tolerateGaps ? 0 : done[p]))));
  return store.getMany(s.histories.map((_, index) => `acc-${index}`));
}

describe('projection runner under at-least-once delivery (property)', () => {
  it('gives the snapshots of one clean delivery, however batches are redelivered and overlapped', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const topic = buildTopic(s);
        const clean = await cleanDelivery(s, topic);
        const redelivered = await deliverAll(s, topic, resumingWindow, false);

        expect(redelivered).toEqual(clean);
        s.histories.forEach((amounts, index) => {
          // version == number of distinct events: republished copies and redeliveries count once.
          expect(clean.get(`acc-${index}`)?.version).toBe(amounts.length + 1);
        });
      }),
    );
  });

  it('converges after arbitrary partial batches, even ones that fail on gaps, once everything is delivered', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const topic = buildTopic(s);
        expect(await deliverAll(s, topic, anyWindow, true)).toEqual(await cleanDelivery(s, topic));
      }),
    );
  });
});
