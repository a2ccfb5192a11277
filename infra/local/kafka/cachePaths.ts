import path from 'node:path';
import { KAFKA_VERSION } from './version';

/** Where the local Kafka tooling keeps its files; all of it lives outside git (`.cache/` is ignored). */
export type KafkaCachePaths = {
  /** `KAFKA_CACHE_DIR`, or `<repo>/.cache/kafka`. Shared by all Kafka versions; CI can cache it whole. */
  readonly root: string;
  /** `<root>/<version>`: the jars of one Kafka version plus the JVM class-data archive made from them. */
  readonly versionDir: string;
  /** `<versionDir>/libs`: the broker's classpath. */
  readonly libsDir: string;
  /** Written after Maven copied every jar; its presence means "skip Maven". */
  readonly completeMarker: string;
  /** `<root>/run`: one `<pid>.json` per broker started, so crashed runs can be cleaned up. */
  readonly runDir: string;
  /** `<root>/logs`: broker log files; they outlive the broker for post-mortems. */
  readonly logsDir: string;
};

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Directory holding `pom.xml` and `log4j.properties` (this folder). */
export const kafkaToolingDir = __dirname;

/**
 * Resolves the cache layout for {@link KAFKA_VERSION}, honouring env `KAFKA_CACHE_DIR` (the root).
 *
 * @example
 * kafkaCachePaths({ KAFKA_CACHE_DIR: '/ci/cache/kafka' }).libsDir; // '/ci/cache/kafka/3.9.1/libs'
 */
export function kafkaCachePaths(env: NodeJS.ProcessEnv = process.env): KafkaCachePaths {
  const root = path.resolve(env.KAFKA_CACHE_DIR || path.join(repoRoot, '.cache', 'kafka'));
  const versionDir = path.join(root, KAFKA_VERSION);
  return {
    root,
    versionDir,
    libsDir: path.join(versionDir, 'libs'),
    completeMarker: path.join(versionDir, 'libs.complete'),
    runDir: path.join(root, 'run'),
    logsDir: path.join(root, 'logs'),
  };
}
