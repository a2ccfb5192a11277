import { toCloudEvent } from '../../../../lib/history/cloudEvent';
import { HistoryIncompleteError } from '../../../../lib/history/eventHistory';
import { accountCatalog, accountEnvelope, accountHistory } from '../../../support/accountProjection';
import { logHistory } from '../../../support/logHistory';
import { FakeTopic } from '../../../support/mskEvents';

function setup() {
  const topic = new FakeTopic('accounts', 3);
  return { topic, ...logHistory(topic, accountCatalog) };
}

describe('an aggregate read back from the log', () => {
  it('gives its events in version order, a page at a time, whatever else the topic holds', async () => {
    const { topic, history, sync } = setup();
    topic.append(accountCatalog, ...accountHistory('a', [1, 2, 3, 4]));
    topic.append(accountCatalog, ...accountHistory('b', [5]));
    await sync();

    const first = await history.page('a', { limit: 3 });
    expect(first.envelopes.map((e) => e.aggregateVersion)).toEqual([1, 2, 3]);
    expect(first.next).toBe(4);
    const second = await history.page('a', { fromVersion: first.next! });
    expect(second.envelopes.map((e) => e.aggregateVersion)).toEqual([4, 5]);
    expect(second.next).toBeUndefined();
    expect(second.envelopes.every((e) => e.aggregateId === 'a')).toBe(true);
  });

  it('collapses republished copies: each version once', async () => {
    const { topic, history, sync } = setup();
    const events = accountHistory('a', [1, 2]);
    topic.append(accountCatalog, ...events, events[1]!, events[2]!, events[1]!);
    await sync();
    expect((await history.page('a')).envelopes.map((e) => e.aggregateVersion)).toEqual([1, 2, 3]);
  });

  it('says a version is not readable yet rather than skip it', async () => {
    const { topic, history, sync } = setup();
    const records = topic.append(accountCatalog, ...accountHistory('a', [1, 2, 3]));
    await sync([records[0]!, records[1]!, records[3]!]); // version 3's record is not indexed yet

    expect((await history.page('a')).envelopes.map((e) => e.aggregateVersion)).toEqual([1, 2]);
    expect((await history.page('a')).next).toBe(3);
    await expect(history.page('a', { fromVersion: 3 })).rejects.toBeInstanceOf(HistoryIncompleteError);
    await expect(history.range('a', 1, 4)).rejects.toMatchObject({ missing: 3, kind: 'unavailable' });
    expect((await history.range('a', 1, 2)).map((e) => e.aggregateVersion)).toEqual([1, 2]);
  });

  it('finds the version of an instant and the latest version', async () => {
    const { topic, history, sync } = setup();
    topic.append(accountCatalog, ...accountHistory('a', [1, 2]));
    await sync();
    const times = (await history.page('a')).envelopes.map((e) => e.time);
    expect((await history.versionAt('a', times[1]!))?.version).toBe(2);
    expect((await history.versionAt('a', '2000-01-01T00:00:00Z'))?.version).toBeUndefined();
    expect((await history.latest('a'))?.version).toBe(3);
    expect(await history.latest('nobody')).toBeUndefined();
  });

  it('renders an event as CloudEvents JSON with the attributes its Kafka headers carry', () => {
    const envelope = accountEnvelope('a', 2, { type: 'MoneyDeposited', data: { amount: 5 } });
    expect(toCloudEvent(envelope, accountCatalog)).toEqual({
      specversion: '1.0',
      id: envelope.id,
      source: envelope.source,
      type: 'account.MoneyDeposited.v1',
      time: envelope.time,
      subject: 'a',
      datacontenttype: 'application/json',
      dataschema: 'urn:kes:schema:account.MoneyDeposited.v1',
      aggregatetype: 'account',
      aggregateversion: 2,
      correlationid: envelope.correlationId,
      commandid: envelope.commandId,
      data: { amount: 5 },
    });
  });
});
