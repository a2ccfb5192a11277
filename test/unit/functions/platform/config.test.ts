import { appConfig } from '../../../../functions/platform/config';
import { ConfigError } from '../../../../lib/config/readEnv';

const complete = {
  KAFKA_BROKERS: 'localhost:9092',
  ORDER_TOPIC: 'orders',
  INVENTORY_TOPIC: 'inventory',
  PAYMENT_TOPIC: 'payments',
  DEAD_LETTER_TOPIC: 'dead-letters',
  ORDER_HEADS_TABLE: 'a',
  ORDER_VIEWS_TABLE: 'b',
  INVENTORY_HEADS_TABLE: 'c',
  INVENTORY_VIEWS_TABLE: 'd',
  ACCOUNT_HEADS_TABLE: 'e',
  ACCOUNT_VIEWS_TABLE: 'f',
  IDEMPOTENCY_TABLE: 'g',
  CHECKPOINTS_TABLE: 'h',
  INVENTORY_ENTITIES_TABLE: 'i',
  ACCOUNT_ENTITIES_TABLE: 'j',
  EVENT_INDEX_TABLE: 'k',
  PROJECTION_VERSIONS_TABLE: 'l',
  FAILURE_TOPIC: 'lambda-failures',
};

describe('the services’ config module', () => {
  it('reads a complete environment, with defaults for the optional settings', () => {
    expect(appConfig(complete)).toMatchObject({
      KAFKA_BROKERS: ['localhost:9092'],
      KAFKA_AUTH: 'none',
      KAFKA_TRANSACTION_TIMEOUT_MS: 30_000,
      KAFKA_TRANSACTIONAL_ID_PREFIX: 'kes',
      ORDER_TOPIC: 'orders',
      PROJECTION_VERSION: 1,
    });
  });

  it('reads the projection version a function was deployed as, and refuses one that is not ≥ 1', () => {
    expect(appConfig({ ...complete, PROJECTION_VERSION: '3' }).PROJECTION_VERSION).toBe(3);
    expect(() => appConfig({ ...complete, PROJECTION_VERSION: '0' })).toThrow(/PROJECTION_VERSION/);
  });

  it('fails naming every missing variable at once', () => {
    const { ORDER_TOPIC: _a, CHECKPOINTS_TABLE: _b, ...partial } = complete;
    let error: unknown;
    try {
      appConfig(partial);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(
      expect.arrayContaining(['ORDER_TOPIC is not set', 'CHECKPOINTS_TABLE is not set']),
    );
  });

  it('refuses a malformed value and an environment without any Kafka', () => {
    expect(() => appConfig({ ...complete, KAFKA_AUTH: 'kerberos' })).toThrow(/KAFKA_AUTH/);
    const { KAFKA_BROKERS: _brokers, ...noKafka } = complete;
    expect(() => appConfig(noKafka)).toThrow(/KAFKA_BROKERS or MSK_CLUSTER_ARN/);
  });
});
