import { LocalKafkaPreflightError } from '../../../../../infra/local/kafka/errors';
import type { PreflightProbes } from '../../../../../infra/local/kafka/preflight';
import { preflight } from '../../../../../infra/local/kafka/preflight';

const JAVA_17 =
  'openjdk version "17.0.15" 2025-04-15\nOpenJDK 64-Bit Server VM (build 17.0.15+6, mixed mode)';

const probes = (overrides: Partial<PreflightProbes> = {}): PreflightProbes => ({
  findJava: () => '/usr/bin/java',
  javaVersionOutput: () => JAVA_17,
  hasMaven: () => true,
  hasCachedJars: () => false,
  ...overrides,
});

function preflightMessage(overrides: Partial<PreflightProbes>): string {
  try {
    preflight(probes(overrides));
  } catch (error) {
    expect(error).toBeInstanceOf(LocalKafkaPreflightError);
    return (error as Error).message;
  }
  throw new Error('preflight passed');
}

describe('preflight', () => {
  it('passes with Java 17 and Maven, returning the java binary and its version', () => {
    expect(preflight(probes())).toEqual({ java: '/usr/bin/java', javaMajor: 17, javaVersionOutput: JAVA_17 });
  });

  it('passes without Maven when the jars are already cached', () => {
    expect(preflight(probes({ hasMaven: () => false, hasCachedJars: () => true })).javaMajor).toBe(17);
  });

  it('names missing Java and both ways forward', () => {
    const message = preflightMessage({ findJava: () => undefined });
    expect(message).toContain('no Java was found');
    expect(message).toContain('JAVA_HOME');
    expect(message).toContain('install');
    expect(message).toContain('Maven');
    expect(message).toContain('KAFKA_BROKERS=host:port');
    expect(message).not.toContain('\n');
  });

  it('names a too-old Java with its version', () => {
    const message = preflightMessage({ javaVersionOutput: () => 'java version "1.8.0_392"' });
    expect(message).toContain('/usr/bin/java is Java 8');
    expect(message).toContain('Java 17 or newer');
  });

  it('reports a java whose version cannot be read', () => {
    expect(preflightMessage({ javaVersionOutput: () => undefined })).toContain('could not tell the version');
  });

  it('names missing Maven when the jars are not cached', () => {
    const message = preflightMessage({ hasMaven: () => false });
    expect(message).toContain('Maven (`mvn`) is not on PATH');
    expect(message).toContain('not cached');
  });

  it('names every problem in one paragraph when several are missing', () => {
    const message = preflightMessage({ findJava: () => undefined, hasMaven: () => false });
    expect(message).toContain('no Java was found');
    expect(message).toContain('Maven (`mvn`) is not on PATH');
    expect(message).not.toContain('\n');
  });
});
