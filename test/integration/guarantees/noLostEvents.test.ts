import { recoverPending } from '../../../lib/commands/recoverPending';
import type { CommandResult } from '../../../lib/commands/commandTypes';
import type { TallyEvent, TallyState } from '../../support/tallyDomain';
import { meta } from '../../support/tallyDomain';
import { tallyPipeline } from '../support/tallyPipeline';

// G1 and G5 on the real parts: every acknowledged command reaches the snapshot; commands that died
// after their head write are published by a retry, by the next command, or by the recovery function.
describe('no lost event, through crashes, to the snapshot', () => {
  let pipeline: Awaited<ReturnType<typeof tallyPipeline>>;
  let crashes = new Set<string>();
  beforeAll(async () => {
    pipeline = await tallyPipeline({
      partitions: 3,
      hooks: {
        afterStep: (step, aggregateId) => {
          if (crashes.has(`${aggregateId}:${step}`)) {
            crashes.delete(`${aggregateId}:${step}`);
            throw new Error(`simulated crash after ${step}`);
          }
        },
      },
    });
  });
  afterAll(() => pipeline.close());

  async function expectConverged(ids: readonly string[]) {
    const source = await pipeline.startProjection();
    await source.waitUntilIdle({ timeoutMs: 30_000 });
    for (const id of ids) {
      const head = await pipeline.heads.read(id);
      const view = await pipeline.views.get(id, { consistent: true });
      expect({ id, version: view?.version, total: view?.doc.total }).toEqual({
        id,
        version: head?.version,
        total: head?.state.total,
      });
    }
  }

  it('G1: 200 concurrent commands over 20 aggregates, some dying mid-way: every acknowledged one is in its snapshot', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `g1-${i}`);
    await Promise.all(
      ids.map((id) =>
        pipeline.handle({ aggregateId: id, command: { type: 'Open', name: id }, metadata: meta() }),
      ),
    );
    crashes = new Set(['g1-3:headWritten', 'g1-7:committed', 'g1-11:headWritten', 'g1-15:checked']);
    const acknowledged: CommandResult<TallyState, TallyEvent>[] = [];
    await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        pipeline
          .handle({
            aggregateId: ids[n % ids.length]!,
            command: { type: 'Increment', by: 1 },
            metadata: meta(),
          })
          .then(
            (result) => acknowledged.push(result),
            () => undefined,
          ),
      ),
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(196);
    const recovery = await recoverPending({
      heads: pipeline.heads,
      eventLog: pipeline.eventLog,
      olderThanMs: 0,
    });
    expect(recovery.failed).toBe(0);

    await expectConverged(ids);
    for (const result of acknowledged) {
      const view = await pipeline.views.get(result.aggregateId, { consistent: true });
      expect(view!.version).toBeGreaterThanOrEqual(result.version);
    }
  });

  it.each(['read', 'deduplicated', 'decided', 'checked', 'headWritten', 'committed', 'cleared'])(
    'G5: a crash after %s, then a retry with the same command id, gives exactly one effect',
    async (step) => {
      const id = `g5-${step}`;
      await pipeline.handle({ aggregateId: id, command: { type: 'Open', name: id }, metadata: meta() });
      crashes = new Set([`${id}:${step}`]);
      const command = { type: 'Increment', by: 10 } as const;
      await expect(
        pipeline.handle({ aggregateId: id, command, metadata: meta(`${id}-cmd`) }),
      ).rejects.toThrow(/crash/);
      const retried = await pipeline.handle({ aggregateId: id, command, metadata: meta(`${id}-cmd`) });
      expect(retried.version).toBe(2);
      await expectConverged([id]);
      expect((await pipeline.views.get(id, { consistent: true }))?.doc.total).toBe(10);
    },
  );

  it('G5: an aggregate that receives no further command converges through the recovery function', async () => {
    const id = 'g5-abandoned';
    await pipeline.handle({ aggregateId: id, command: { type: 'Open', name: id }, metadata: meta() });
    crashes = new Set([`${id}:headWritten`]);
    await expect(
      pipeline.handle({ aggregateId: id, command: { type: 'Increment', by: 4 }, metadata: meta() }),
    ).rejects.toThrow(/crash/);
    const recovery = await recoverPending({
      heads: pipeline.heads,
      eventLog: pipeline.eventLog,
      olderThanMs: 0,
    });
    expect(recovery.published).toBeGreaterThanOrEqual(1);
    expect((await pipeline.heads.read(id))?.pending).toEqual([]);
    await expectConverged([id]);
  });
});
