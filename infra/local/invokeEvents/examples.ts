/** The ids every example event uses: the README's order, so the examples read as one story. */
export const EXAMPLE = { orderId: 'ord-1', sku: 'sku-1', customerId: 'c-1' } as const;

/** Every example's time: fixed, so that the files are reproducible from the code. */
export const EXAMPLE_TIME = '2026-12-01T12:00:00.000Z';
