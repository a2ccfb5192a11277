import fs from 'node:fs';
import path from 'node:path';
import type { KafkaCachePaths } from './cachePaths';
import { kafkaToolingDir } from './cachePaths';
import { LocalKafkaError } from './errors';
import { runCommand, tailLines } from './runCommand';
import { KAFKA_VERSION } from './version';

/**
 * Makes sure the broker's jars for {@link KAFKA_VERSION} are in the cache and returns the libs dir.
 * A complete cache (marker file present) skips Maven entirely, so offline machines and CI with a
 * restored cache never touch the network.
 *
 * @example
 * const libsDir = await ensureKafkaJars(kafkaCachePaths()); // java -cp "<libsDir>/*" kafka.Kafka ...
 */
export async function ensureKafkaJars(paths: KafkaCachePaths): Promise<string> {
  if (fs.existsSync(paths.completeMarker)) return paths.libsDir;
  fs.mkdirSync(paths.versionDir, { recursive: true });
  // Copy into a private dir and rename it into place: a run killed half-way, or two runs fetching at
  // once, can then never leave a libs dir that looks complete but is missing jars.
  const staging = fs.mkdtempSync(path.join(paths.versionDir, 'libs.staging-'));
  try {
    const result = await runCommand('mvn', mavenArgs(staging), kafkaToolingDir);
    if (result.code !== 0) {
      throw new LocalKafkaError(
        `Maven could not fetch the Kafka ${KAFKA_VERSION} jars (exit ${result.code}); is Maven Central ` +
          `reachable? Output:\n${tailLines(result.output)}`,
      );
    }
    publish(staging, paths);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return paths.libsDir;
}

function mavenArgs(outputDir: string): string[] {
  return [
    '-q',
    '-B',
    '-f',
    path.join(kafkaToolingDir, 'pom.xml'),
    `-Dkafka.version=${KAFKA_VERSION}`,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${outputDir}`,
    '-DincludeScope=runtime',
  ];
}

function publish(staging: string, paths: KafkaCachePaths): void {
  if (fs.existsSync(paths.completeMarker)) return; // another run finished first; keep its copy
  // A libs dir without the marker is the leftover of an interrupted publish.
  fs.rmSync(paths.libsDir, { recursive: true, force: true });
  try {
    fs.renameSync(staging, paths.libsDir);
    fs.chmodSync(paths.libsDir, 0o755); // mkdtemp made it private; a shared CI cache must stay readable
  } catch (error) {
    if (fs.existsSync(paths.completeMarker)) return; // lost a race with a concurrent fetch: fine
    throw error;
  }
  const jars = fs.readdirSync(paths.libsDir).filter((name) => name.endsWith('.jar'));
  fs.writeFileSync(paths.completeMarker, `${KAFKA_VERSION}\n${jars.sort().join('\n')}\n`);
}
