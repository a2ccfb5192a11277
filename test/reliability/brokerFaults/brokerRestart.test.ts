import { describeBrokerOutage } from './support/brokerOutage';

// Issue 5, item 2: a rolling restart's view of one broker: controlled shutdown, then back.
describeBrokerOutage({
  file: '02-broker-restart',
  scenario: '2. Clean broker restart (SIGTERM) under load',
  signal: 'SIGTERM',
  takeDown: (broker) => broker.terminate(),
});
