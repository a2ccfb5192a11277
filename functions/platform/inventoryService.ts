import { inventoryDecider } from '../inventory/domain/inventoryDecider';
import { inventoryCatalog } from '../inventory/domain/inventoryEvents';
import { commandService } from './commandService';

/** Inventory's head store and command handler. */
export const getInventoryService = commandService({
  decider: inventoryDecider,
  catalog: inventoryCatalog,
  source: 'urn:service:inventory',
  topic: 'INVENTORY_TOPIC',
  headsTable: 'INVENTORY_HEADS_TABLE',
  entitiesTable: 'INVENTORY_ENTITIES_TABLE',
});
