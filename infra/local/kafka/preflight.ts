import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LocalKafkaPreflightError } from './errors';
import { parseJavaMajorVersion } from './javaVersion';
import { KAFKA_VERSION, MIN_JAVA_MAJOR } from './version';

/** What preflight asks of the machine; injectable so the messages can be unit-tested. */
export type PreflightProbes = {
  /** The java binary to use (`$JAVA_HOME/bin/java`, else `java` on PATH), or undefined if there is none. */
  findJava(): string | undefined;
  /** Output of `<java> -version`, or undefined when it cannot be run. */
  javaVersionOutput(java: string): string | undefined;
  /** Whether `mvn` is on PATH. */
  hasMaven(): boolean;
  /** Whether the jars of {@link KAFKA_VERSION} are already cached completely. */
  hasCachedJars(): boolean;
};

/** A machine that can run the broker. */
export type PreflightResult = {
  readonly java: string;
  readonly javaMajor: number;
  /** Raw `java -version` output; identifies the JVM build (the class-data archive is tied to it). */
  readonly javaVersionOutput: string;
};

/**
 * Checks for Java 17+ and for a way to get the Kafka jars (Maven, or a complete cache) before anything
 * else runs. Throws {@link LocalKafkaPreflightError} with one paragraph naming every problem found.
 *
 * @example
 * const { java } = preflight(systemProbes(kafkaCachePaths().completeMarker));
 */
export function preflight(probes: PreflightProbes): PreflightResult {
  const problems: string[] = [];
  const java = probes.findJava();
  const output = java === undefined ? undefined : probes.javaVersionOutput(java);
  const major = output === undefined ? undefined : parseJavaMajorVersion(output);
  if (java === undefined) {
    problems.push('no Java was found (neither $JAVA_HOME/bin/java nor `java` on PATH)');
  } else if (major === undefined) {
    problems.push(`could not tell the version of Java at ${java} from \`${java} -version\``);
  } else if (major < MIN_JAVA_MAJOR) {
    problems.push(
      `${java} is Java ${major}, but Kafka ${KAFKA_VERSION} needs Java ${MIN_JAVA_MAJOR} or newer`,
    );
  }
  if (!probes.hasCachedJars() && !probes.hasMaven()) {
    problems.push(`Maven (\`mvn\`) is not on PATH and the Kafka ${KAFKA_VERSION} jars are not cached yet`);
  }
  if (java === undefined || major === undefined || output === undefined || problems.length > 0) {
    throw new LocalKafkaPreflightError(preflightMessage(problems));
  }
  return { java, javaMajor: major, javaVersionOutput: output };
}

function preflightMessage(problems: readonly string[]): string {
  return (
    `Cannot start a local Kafka broker: ${problems.join('; and ')}. ` +
    `Either install what is missing of Java ${MIN_JAVA_MAJOR}+ and Maven (e.g. \`apt-get install openjdk-17-jre-headless maven\` ` +
    `or \`brew install openjdk@17 maven\`) so the broker can run from Apache's jars, ` +
    `or run Kafka elsewhere (for example in a container) and set KAFKA_BROKERS=host:port to use it instead.`
  );
}

/**
 * The real probes: JAVA_HOME and PATH lookups plus `java -version`.
 *
 * @param completeMarker the jar cache's completion marker ({@link KafkaCachePaths.completeMarker}).
 */
export function systemProbes(completeMarker: string, env: NodeJS.ProcessEnv = process.env): PreflightProbes {
  return {
    findJava: () => {
      const fromHome = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : undefined;
      return fromHome && isExecutable(fromHome) ? fromHome : findOnPath('java', env);
    },
    javaVersionOutput: (java) => {
      const result = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 15_000 });
      return result.error ? undefined : `${result.stderr}${result.stdout}`;
    },
    hasMaven: () => findOnPath('mvn', env) !== undefined,
    hasCachedJars: () => fs.existsSync(completeMarker),
  };
}

/** First executable `name` on PATH, like `which`. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.map((dir) => path.join(dir, name)).find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
