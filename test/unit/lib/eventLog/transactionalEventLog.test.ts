import { createTransactionalEventLog } from '../../../../lib/eventLog/transactionalEventLog';
import type { ConnectProducer } from '../../../../lib/eventLog/transactionalProducer';

/** A client whose producers record what happened to them; the first commit fails if told to. */
function fakeClient(options: { failFirstCommit?: boolean } = {}) {
  const producers: { id: string; calls: string[] }[] = [];
  let commits = 0;
  const connect: ConnectProducer = (transactionalId) => {
    const made = { id: transactionalId, calls: [] as string[] };
    producers.push(made);
    return Promise.resolve({
      begin: () =>
        Promise.resolve({
          send: (records) => Promise.resolve(void made.calls.push(`send ${records.length}`)),
          commit: () => {
            commits += 1;
            if (options.failFirstCommit && commits === 1) return Promise.reject(new Error('no answer'));
            made.calls.push('commit');
            return Promise.resolve();
          },
          abort: () => Promise.resolve(void made.calls.push('abort')),
        }),
      close: () => Promise.resolve(void made.calls.push('close')),
    });
  };
  return { connect, producers };
}

const records = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ topic: 't', key: `k${i}`, value: '{}', headers: {} }));

describe('createTransactionalEventLog', () => {
  it('gives each slot the transactional id <prefix>-<environment>-<slot>, the same environment for all', async () => {
    const { connect, producers } = fakeClient();
    const log = createTransactionalEventLog(connect, { transactionalIdPrefix: 'orders', poolSize: 2 });
    await Promise.all([log.append(records(1)), log.append(records(1))]);
    const ids = producers.map((p) => p.id).sort();
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^orders-[0-9a-f]{8}-0$/);
    expect(ids[1]).toBe(ids[0]!.replace(/-0$/, '-1'));
  });

  it('answers unknown to a failed commit and replaces the producer without aborting', async () => {
    const { connect, producers } = fakeClient({ failFirstCommit: true });
    const log = createTransactionalEventLog(connect, { transactionalIdPrefix: 'orders' });
    await expect(log.append(records(2))).rejects.toMatchObject({ outcome: 'unknown' });
    await log.append(records(1));
    expect(producers.map((p) => p.calls)).toEqual([
      ['send 2', 'close'],
      ['send 1', 'commit'],
    ]);
  });
});
