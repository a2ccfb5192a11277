import { decodeRecord } from '../../../../lib/envelope/decodeRecord';
import { dataSchemaOf, defineEventCatalog } from '../../../../lib/envelope/eventCatalog';
import { toCloudEvent } from '../../../../lib/history/cloudEvent';
import { InMemorySnapshotStore } from '../../../../lib/snapshots/inMemorySnapshotStore';
import { createProjectionHandler } from '../../../../lib/projections/projectionHandler';
import { InMemoryDeadLetterSink } from '../../../../lib/deadLetter/inMemoryDeadLetterSink';
import { fromMskRecord } from '../../../../lib/kafka/mskRecord';
import { logHistory } from '../../../support/logHistory';
import { FakeTopic, mskEvent } from '../../../support/mskEvents';
import {
  balances,
  deposit,
  readByV3,
  v1Data,
  v3Data,
  writtenByV1,
  type V3Event,
} from '../../../support/upcastingDomain';

describe('upcasting: a log written by v1 code, read by v3 code', () => {
  it('decodes a v1 record as the current version, through every step in order', () => {
    // Given a record written by v1 code
    const topic = new FakeTopic('accounts');
    const [record] = topic.append(writtenByV1, deposit('a', 1, 12));
    // When v3 code decodes it
    const decoded = decodeRecord(fromMskRecord(record!), readByV3);
    // Then it reads the current shape, upcast v1 → v2 → v3
    expect(decoded).toMatchObject({
      ok: true,
      envelope: {
        schemaVersion: 3,
        event: { type: 'MoneyDeposited', data: { cents: 1200, currency: 'EUR', channel: 'unknown' } },
      },
    });
  });

  it('folds old events in projections, and history answers them in the current schema with its dataschema', async () => {
    const topic = new FakeTopic('accounts');
    topic.append(writtenByV1, deposit('a', 1, 1), deposit('a', 2, 2));
    const store = new InMemorySnapshotStore<{ cents: number; channels: string[] }>();
    const handler = createProjectionHandler({
      projection: balances,
      store,
      deadLetters: new InMemoryDeadLetterSink(),
      log: () => undefined,
    });
    await handler(mskEvent(topic.records));
    expect((await store.get('a'))?.doc).toEqual({ cents: 300, channels: ['unknown', 'unknown'] });

    const { history, sync } = logHistory(topic, readByV3);
    await sync();
    const [first] = (await history.page('a')).envelopes;
    expect(toCloudEvent(first!, readByV3)).toMatchObject({
      type: 'account.MoneyDeposited.v3',
      dataschema: dataSchemaOf('account', 'MoneyDeposited', 3),
      data: { cents: 100, currency: 'EUR', channel: 'unknown' },
    });
  });

  it('names a version it cannot read, and an upcaster that breaks, as poison', () => {
    const topic = new FakeTopic('accounts');
    const [record] = topic.append(writtenByV1, deposit('a', 1, 5));
    const onlyV2 = defineEventCatalog<V3Event>('account', {
      MoneyDeposited: { schemaVersion: 2, data: v3Data },
    });
    expect(decodeRecord(fromMskRecord(record!), onlyV2)).toMatchObject({
      ok: false,
      reason: 'unknown_schema_version',
    });
    const broken = defineEventCatalog<V3Event>('account', {
      MoneyDeposited: {
        schemaVersion: 2,
        data: v3Data,
        older: [{ schemaVersion: 1, data: v1Data, upcast: () => ({ cents: 'many' }) }],
      },
    });
    const decoded = decodeRecord(fromMskRecord(record!), broken);
    expect(decoded).toMatchObject({ ok: false, reason: 'invalid_data' });
    expect(decoded.ok ? '' : decoded.detail).toMatch(/^upcast from v1: /);
  });

  it('refuses a catalog whose older versions do not chain to the current one', () => {
    expect(() =>
      defineEventCatalog<V3Event>('account', {
        MoneyDeposited: {
          schemaVersion: 3,
          data: v3Data,
          older: [{ schemaVersion: 1, data: v1Data, upcast: (d) => d }],
        },
      }),
    ).toThrow('account.MoneyDeposited: older schema versions 1 do not chain to v3');
  });
});
