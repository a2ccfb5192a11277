import { paymentDecider } from '../payment/domain/paymentDecider';
import { paymentCatalog } from '../payment/domain/paymentEvents';
import { commandService } from './commandService';

/** Payment's head store and command handler (aggregates are customer accounts). */
export const getPaymentService = commandService({
  decider: paymentDecider,
  catalog: paymentCatalog,
  source: 'urn:service:payment',
  topic: 'PAYMENT_TOPIC',
  headsTable: 'ACCOUNT_HEADS_TABLE',
  entitiesTable: 'ACCOUNT_ENTITIES_TABLE',
});
