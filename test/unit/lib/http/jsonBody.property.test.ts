import fc from 'fast-check';
import * as z from 'zod';
import { AppError } from '../../../../lib/errors/appError';
import { parseJsonBody } from '../../../../lib/http/request';
import { eventWith } from './httpEvent';

const Order = z.strictObject({
  orderId: z.string().min(1).max(64),
  items: z
    .array(z.strictObject({ sku: z.string().min(1), quantity: z.number().int().positive().max(1000) }))
    .min(1)
    .max(20),
  note: z.string().max(200).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

const contentTypes = fc.oneof(
  { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8'), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      'APPLICATION/JSON; Charset="UTF-8"',
      'application/problem+json',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      '',
    ),
    weight: 2,
  },
  { arbitrary: fc.string(), weight: 1 },
);

const validOrders = fc.record(
  {
    orderId: fc.string({ minLength: 1, maxLength: 64 }),
    items: fc.array(
      fc.record({ sku: fc.string({ minLength: 1 }), quantity: fc.integer({ min: 1, max: 1000 }) }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    note: fc.string({ maxLength: 200 }),
    tags: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  },
  { requiredKeys: ['orderId', 'items'] },
);

/** Bodies that are sometimes valid orders, sometimes near misses, sometimes noise. */
const bodies = fc.oneof(
  { arbitrary: validOrders.map((order) => JSON.stringify(order)), weight: 4 },
  {
    arbitrary: fc
      .record({
        orderId: fc.string({ maxLength: 70 }),
        items: fc.array(fc.record({ sku: fc.string(), quantity: fc.oneof(fc.integer(), fc.double()) }), {
          maxLength: 3,
        }),
        note: fc.option(fc.string(), { nil: undefined }),
        tags: fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
      })
      .map((order) => JSON.stringify(order)),
    weight: 2,
  },
  { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 1 },
  { arbitrary: fc.json(), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary' }), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      '',
      '{',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]',
      '{"__proto__":{"x":1},"orderId":"a"}',
    ),
    weight: 1,
  },
);

const events = fc.record({
  body: fc.option(bodies, { nil: undefined }),
  contentType: contentTypes,
  base64: fc.boolean(),
  extraHeaders: fc.dictionary(
    fc.string().map((name) => name.toLowerCase()),
    fc.string(),
    { maxKeys: 3 },
  ),
  maxBytes: fc.oneof(fc.integer({ min: 1, max: 256 }), fc.constant(64 * 1024)),
});

describe('parseJsonBody (property)', () => {
  it('throws nothing but AppError and returns only values the schema accepts', () => {
    const outcomes = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(events, ({ body, contentType, base64, extraHeaders, maxBytes }) => {
        const event = eventWith({
          body: base64 && body !== undefined ? Buffer.from(body).toString('base64') : body,
          isBase64Encoded: base64,
          headers: { ...extraHeaders, 'content-type': contentType },
        });
        let parsed: unknown;
        try {
          parsed = parseJsonBody(event, Order, { maxBytes });
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          outcomes.rejected++;
          return;
        }
        expect(Order.safeParse(parsed).success).toBe(true);
        outcomes.accepted++;
      }),
      { numRuns: 2000 },
    );
    // Guards the generators: a property that only ever sees rejections proves little.
    expect(outcomes.accepted).toBeGreaterThan(100);
  });
});
