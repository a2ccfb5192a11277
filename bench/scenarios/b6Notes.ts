import { formatNumber as f } from '../report';
import { medianOf, type Metric } from '../scenario';

/** What a get-by-id costs over the DynamoDB call it makes. */
export function b6Notes(metrics: readonly Metric[]): string[] {
  const m = (key: string) => medianOf(metrics, key);
  return [
    `Each get-by-id makes exactly one GetItem (eventually consistent; ${f(m('getOrder.gets'))} and ${f(m('getInventory.gets'))} per request) and no other DynamoDB call. ` +
      `The handler adds ${f(m('getOrder.handler') - m('getOrder.raw'))} ms (getOrder) and ${f(m('getInventory.handler') - m('getInventory.raw'))} ms (getInventory) at p50 over the raw GetItem: ` +
      `path and query validation (zod), unmarshalling, the JSON response.`,
  ];
}
