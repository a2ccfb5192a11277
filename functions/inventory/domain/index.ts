export * from './inventoryCommands';
export * from './inventoryDecider';
export * from './inventoryEvents';
export * from './inventoryState';
