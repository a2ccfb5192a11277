import { deciderSpecification } from '../../../../../lib/domain/deciderSpecification';
import type { OrderCommand } from '../../../../../functions/order/domain/orderCommands';
import { orderDecider } from '../../../../../functions/order/domain/orderDecider';
import { orderCatalog, type OrderEvent } from '../../../../../functions/order/domain/orderEvents';
import {
  cancelled,
  commands,
  declined,
  fulfilled,
  histories,
  lineReserved,
  paid,
  placed,
  requested,
  type OrderSituation,
} from './orderFixtures';

// The whole state machine as a table: every situation × every command. An outcome is the events
// decided ([] = ignored: a late or repeated result from another service) or the error kind.
type Outcome = readonly OrderEvent[] | 'invalid_transition' | 'not_found';
type Row = { [Type in OrderCommand['type']]: Outcome };

const invalid = 'invalid_transition';
const lateResultsIgnored = {
  RecordStockReserved: [],
  RecordReservationRejected: [],
  RecordPaymentCaptured: [],
  RecordPaymentDeclined: [],
} as const;

const machine: Record<OrderSituation, Row> = {
  NONE: {
    PlaceOrder: [placed],
    RecordStockReserved: 'not_found',
    RecordReservationRejected: 'not_found',
    SubmitPayment: 'not_found',
    RecordPaymentCaptured: 'not_found',
    RecordPaymentDeclined: 'not_found',
    FulfilOrder: 'not_found',
    CancelOrder: 'not_found',
  },
  PURCHASING: {
    PlaceOrder: invalid,
    RecordStockReserved: [lineReserved('SKU-A', 2)],
    RecordReservationRejected: [cancelled('out of stock: SKU-B')],
    SubmitPayment: invalid,
    RecordPaymentCaptured: [],
    RecordPaymentDeclined: [],
    FulfilOrder: invalid,
    CancelOrder: [cancelled('cancelled by customer')],
  },
  PAYMENT: {
    ...lateResultsIgnored,
    PlaceOrder: invalid,
    SubmitPayment: [requested(1)],
    FulfilOrder: invalid,
    CancelOrder: [cancelled('cancelled by customer')],
  },
  'PAYMENT (pending)': {
    ...lateResultsIgnored,
    PlaceOrder: invalid,
    SubmitPayment: invalid,
    RecordPaymentCaptured: [paid(1)],
    RecordPaymentDeclined: [declined(1)],
    FulfilOrder: invalid,
    CancelOrder: [cancelled('cancelled by customer', true)],
  },
  FULFILLMENT: {
    ...lateResultsIgnored,
    PlaceOrder: invalid,
    SubmitPayment: invalid,
    FulfilOrder: [fulfilled],
    CancelOrder: invalid,
  },
  COMPLETED: {
    ...lateResultsIgnored,
    PlaceOrder: invalid,
    SubmitPayment: invalid,
    FulfilOrder: invalid,
    CancelOrder: invalid,
  },
  CANCELLED: {
    ...lateResultsIgnored,
    PlaceOrder: invalid,
    SubmitPayment: invalid,
    FulfilOrder: invalid,
    CancelOrder: invalid,
  },
};

const cases = Object.entries(machine).flatMap(([situation, row]) =>
  Object.entries(row).map(([type, outcome]) => ({
    situation: situation as OrderSituation,
    command: commands[type as OrderCommand['type']],
    outcome,
    expected: describeOutcome(outcome),
  })),
);

function describeOutcome(outcome: Outcome): string {
  if (typeof outcome === 'string') return `rejected as ${outcome}`;
  return outcome.length === 0 ? 'ignored' : outcome.map((event) => event.type).join(' + ');
}

const spec = deciderSpecification(orderDecider);

describe('the order state machine', () => {
  it('has a row for every situation and a cell for every command', () => {
    expect(cases).toHaveLength(Object.keys(histories).length * Object.keys(commands).length);
  });

  it.each(cases)('$situation + $command.type → $expected', ({ situation, command, outcome }) => {
    const when = spec.given(histories[situation]).when(command);
    if (typeof outcome === 'string') when.thenThrows(outcome);
    else when.then(outcome);
  });

  it('decides only events the order catalog accepts', () => {
    const decided = cases.flatMap(({ outcome }) => (typeof outcome === 'string' ? [] : outcome));
    for (const event of decided) {
      expect(orderCatalog.contracts[event.type].data.safeParse(event.data).success).toBe(true);
    }
  });
});
