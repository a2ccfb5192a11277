import { describeBrokerOutage } from './support/brokerOutage';

// Issue 5, item 1: the broker dies without a word (no controlled shutdown, no flush).
describeBrokerOutage({
  file: '01-broker-crash',
  scenario: '1. Broker crash (kill -9) under load',
  signal: 'SIGKILL',
  takeDown: (broker) => broker.kill(),
});
