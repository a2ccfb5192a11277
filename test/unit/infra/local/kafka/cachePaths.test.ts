import path from 'node:path';
import { kafkaCachePaths } from '../../../../../infra/local/kafka/cachePaths';
import { KAFKA_VERSION } from '../../../../../infra/local/kafka/version';

describe('kafkaCachePaths', () => {
  it('defaults to the git-ignored .cache/kafka of the repository, keyed by Kafka version', () => {
    const repoRoot = path.resolve(__dirname, '../../../../..');
    expect(kafkaCachePaths({}).libsDir).toBe(path.join(repoRoot, '.cache', 'kafka', KAFKA_VERSION, 'libs'));
  });

  it('moves the whole cache, run records included, to KAFKA_CACHE_DIR', () => {
    const paths = kafkaCachePaths({ KAFKA_CACHE_DIR: '/ci/kafka' });
    expect(paths.libsDir).toBe(path.join('/ci/kafka', KAFKA_VERSION, 'libs'));
    expect(paths.runDir).toBe(path.join('/ci/kafka', 'run'));
  });
});
