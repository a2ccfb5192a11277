/**
 * The Apache Kafka release the local broker runs. The one place the version lives: the jar cache
 * directory is keyed by it and Maven receives it as `-Dkafka.version` (see `pom.xml`).
 */
export const KAFKA_VERSION = '3.9.1';

/** Oldest Java major version the local tooling accepts for Kafka {@link KAFKA_VERSION}. */
export const MIN_JAVA_MAJOR = 17;
