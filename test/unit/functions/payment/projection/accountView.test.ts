import type { PaymentEvent } from '../../../../../functions/payment/domain/paymentEvents';
import { accountView } from '../../../../../functions/payment/projection/accountView';
import { envelopesOf } from '../../envelopes';
import { foldView, projectionHarness } from '../../projectionHarness';

const history: PaymentEvent[] = [
  {
    type: 'PaymentDeclined',
    data: { orderId: 'o-1', attempt: 1, amount: 2500, reason: 'insufficient funds' },
  },
  { type: 'Deposited', data: { amount: 3000 } },
  { type: 'PaymentCaptured', data: { orderId: 'o-1', attempt: 2, amount: 2500 } },
  { type: 'PaymentRefunded', data: { orderId: 'o-1', amount: 2500 } },
];

describe('the account view', () => {
  it('shows the balance after each kind of event, starting at zero', () => {
    const after = (n: number) => foldView(accountView, envelopesOf('account', 'c-1', history.slice(0, n)));
    expect(after(1)).toEqual({ customerId: 'c-1', balance: 0 });
    expect(after(2)).toEqual({ customerId: 'c-1', balance: 3000 });
    expect(after(3)).toEqual({ customerId: 'c-1', balance: 500 });
    expect(after(4)).toEqual({ customerId: 'c-1', balance: 3000 });
  });

  it('gives the same documents when the same events are applied twice', async () => {
    const harness = projectionHarness(accountView);
    harness.publish(...envelopesOf('account', 'c-1', history));
    harness.publish(...envelopesOf('account', 'c-2', history.slice(1, 3)));
    await harness.deliver();
    const first = [await harness.store.get('c-1'), await harness.store.get('c-2')];

    expect(await harness.deliver()).toMatchObject({ applied: 0, skipped: 6, writes: 0 });
    expect([await harness.store.get('c-1'), await harness.store.get('c-2')]).toEqual(first);
    expect(first).toEqual([
      // The time of the last event folded in travels with the document: how fresh it is.
      {
        id: 'c-1',
        version: 4,
        doc: { customerId: 'c-1', balance: 3000 },
        lastEventAt: '2026-01-01T00:00:04.000Z',
      },
      {
        id: 'c-2',
        version: 2,
        doc: { customerId: 'c-2', balance: 500 },
        lastEventAt: '2026-01-01T00:00:02.000Z',
      },
    ]);
  });
});
