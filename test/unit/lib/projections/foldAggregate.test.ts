import { foldAggregate } from '../../../../lib/projections/foldAggregate';
import { accountEnvelope, accountHistory, accountProjection } from '../../../support/accountProjection';

const [opened, plus5, plus7, minus2] = accountHistory('a', [5, 7, -2]);

describe('foldAggregate', () => {
  it('applies versions 1..n onto no snapshot and reports the snapshot to write', () => {
    const fold = foldAggregate(accountProjection, 'a', undefined, [opened!, plus5!, plus7!]);
    expect(fold).toMatchObject({ from: 0, applied: 3, skipped: 0, next: { id: 'a', version: 3 } });
    expect(fold.next?.doc).toMatchObject({ balance: 12, movements: 2, lastEventId: 'account/a/3' });
    expect(fold.blocked).toBeUndefined();
  });

  it('skips versions at or below the stored one and continues from it', () => {
    const stored = foldAggregate(accountProjection, 'a', undefined, [opened!, plus5!]).next!;
    const fold = foldAggregate(accountProjection, 'a', stored, [opened!, plus5!, plus7!, plus5!]);
    expect(fold).toMatchObject({ from: 2, applied: 1, skipped: 3, next: { version: 3 } });
    expect(fold.next?.doc.balance).toBe(12);
  });

  it('has nothing to write when every event was already applied', () => {
    const stored = foldAggregate(accountProjection, 'a', undefined, [opened!]).next!;
    const fold = foldAggregate(accountProjection, 'a', stored, [opened!]);
    expect(fold).toEqual({ id: 'a', from: 1, applied: 0, skipped: 1 });
  });

  it('takes envelopes in version order whatever order they arrived in', () => {
    const fold = foldAggregate(accountProjection, 'a', undefined, [plus7!, opened!, plus5!]);
    expect(fold).toMatchObject({ applied: 3, next: { version: 3 } });
  });

  it('stops at a gap, keeping what it applied before it', () => {
    const fold = foldAggregate(accountProjection, 'a', undefined, [opened!, plus5!, minus2!]);
    expect(fold).toMatchObject({ applied: 2, next: { version: 2 }, blocked: { expected: 3, found: 4 } });
  });

  it('stops where evolve throws and reports the error', () => {
    const depositFirst = accountEnvelope('a', 1, { type: 'MoneyDeposited', data: { amount: 1 } });
    const fold = foldAggregate(accountProjection, 'a', undefined, [depositFirst]);
    expect(fold.applied).toBe(0);
    expect(fold.next).toBeUndefined();
    expect(fold.blocked?.expected).toBe(1);
    expect(fold.blocked?.error).toBeInstanceOf(Error);
  });
});
