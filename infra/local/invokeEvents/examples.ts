/** The ids the example events use; the README's order by default, so the examples read as one story. */
export interface ExampleIds {
  readonly orderId: string;
  readonly sku: string;
  readonly customerId: string;
}

export const EXAMPLE: ExampleIds = { orderId: 'ord-1', sku: 'sku-1', customerId: 'c-1' };

/** Every example's time: fixed, so that the files are reproducible from the code. */
export const EXAMPLE_TIME = '2026-12-01T12:00:00.000Z';
