import { getConfig } from '../../../functions/platform/config';
import { getKafka } from '../../../functions/platform/kafka';
import { accountView } from '../../../functions/payment/projection/accountView';
import { redrive } from '../../../infra/cli/dlq';
import { groupLetters, letterGroupId } from '../../../lib/deadLetter/parkedLetters';
import { readLetters } from '../../../lib/deadLetter/readLetters';
import { startLocalSystem, type LocalSystem } from '../../integration/support/localSystem';
import { uniqueName } from '../../integration/support/names';
import { verifyCell, verifySystem } from '../support/verifyLog';
import { fullProfile, recordResult } from './scenarioResult';

// Scenario 13: a bug in the account projection's `evolve` throws for one event of one account.
// Before issue 13 the batch failed until its retries ran out and went to lambda-failures, whose
// redrive mapping failed it forever. Now that account parks — its failing event and every later
// one wait on the dead-letter topic in order — and every other account, on its partition too,
// goes on. With the code fixed, `kes dlq redrive` replays it; `verify` must find 0 mismatches, and
// a second redrive must change nothing.

const ACCOUNTS = fullProfile ? 24 : 12;
const DEPOSITS = fullProfile ? 8 : 5;
const UNLUCKY = 13;

describe('scenario 13: an aggregate whose evolve throws is parked, then redriven after the fix', () => {
  let system: LocalSystem;
  const prefix = uniqueName('park');
  const victim = `${prefix}-victim`;
  const original = accountView.evolve;
  let bugDeployed = true;
  beforeAll(async () => {
    // The "deployed bug": the runtime runs this very module, so the fix is undoing the patch.
    accountView.evolve = (doc, envelope) => {
      const { event } = envelope;
      if (bugDeployed && event.type === 'Deposited' && event.data.amount === UNLUCKY) {
        throw new Error(`cannot fold a deposit of ${UNLUCKY}`);
      }
      return original(doc, envelope);
    };
    system = await startLocalSystem();
  }, 60_000);
  afterAll(async () => {
    accountView.evolve = original;
    await system.stop();
  });

  it('keeps the rest moving, then redrives the parked account to what a clean run gives', async () => {
    const customers = [victim, ...Array.from({ length: ACCOUNTS - 1 }, (_, i) => `${prefix}-${i}`)];
    const expected = new Map<string, number>();
    let acknowledged = 0;
    for (let round = 0; round < DEPOSITS; round += 1) {
      const replies = await Promise.all(
        customers.map((customer) => {
          const amount = customer === victim && round === 1 ? UNLUCKY : 20 + round;
          expected.set(customer, (expected.get(customer) ?? 0) + amount);
          return system.post(`/accounts/${customer}/deposits`, { amount });
        }),
      );
      acknowledged += replies.filter((reply) => reply.status === 202 || reply.status === 200).length;
    }
    await system.settle();

    const parkedView = await system.get(`/accounts/${victim}`);
    expect(parkedView.body).toMatchObject({ version: 1, parked: { atVersion: 2, reason: 'evolve_failed' } });
    for (const customer of customers.slice(1)) {
      expect((await system.get(`/accounts/${customer}`)).body).toMatchObject({
        balance: expected.get(customer),
      });
    }
    const before = await verifySystem();
    expect(before.mismatches.length).toBeGreaterThan(0);
    expect(before.mismatches.every((line) => line.includes(victim))).toBe(true);

    const letters = await readLetters(await getKafka(), getConfig().DEAD_LETTER_TOPIC);
    const group = groupLetters(letters).find((g) => g.parkedAggregate === victim)!;
    expect(group).toMatchObject({ reason: 'evolve_failed', count: DEPOSITS - 1 });
    const members = letters.filter((letter) => letterGroupId(letter) === group.id);

    bugDeployed = false;
    const started = Date.now();
    const first = await redrive(group.id, members);
    const redriveSeconds = (Date.now() - started) / 1000;
    const second = await redrive(group.id, members);
    await system.settle();
    const after = await verifySystem();

    recordResult('13-park-and-redrive', {
      scenario: '13. evolve throws for one aggregate: park, fix, redrive',
      load: `${ACCOUNTS} accounts × ${DEPOSITS} deposits over HTTP, rounds of ${ACCOUNTS} in parallel`,
      faults: `the account projection's evolve throws for one deposit of one account (amount ${UNLUCKY}) until the fix`,
      acknowledged,
      lost: 0,
      duplicated: 0,
      recoverySeconds: redriveSeconds,
      verify: verifyCell(after),
      notes:
        `the account parked at version 2 with ${group.count} letters (${group.first} … ${group.last}); every other account was exact before the fix; ` +
        `before redrive verify named only the parked account (${before.mismatches.length} mismatch); redrive took ${redriveSeconds.toFixed(2)} s, and a second redrive changed nothing.`,
    });
    expect(first.ok).toBe(true);
    expect(second.ok).toBe(true);
    expect(after.mismatches).toEqual([]);
    expect((await system.get(`/accounts/${victim}`)).body).toEqual(
      expect.objectContaining({ balance: expected.get(victim), version: DEPOSITS }),
    );
    expect((await system.get(`/accounts/${victim}`)).body.parked).toBeUndefined();
  }, 180_000);
});
