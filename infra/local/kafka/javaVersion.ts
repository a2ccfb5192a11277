/**
 * Reads the Java major version out of `java -version` output (which Java writes to stderr).
 * Handles the legacy `1.x` scheme, so `java version "1.8.0_392"` is 8 and
 * `openjdk version "17.0.15" 2025-04-15` is 17. Returns `undefined` when no version string is found.
 *
 * @example
 * parseJavaMajorVersion('openjdk version "21-ea" 2023-09-19'); // 21
 */
export function parseJavaMajorVersion(output: string): number | undefined {
  const quoted = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!quoted?.[1]) return undefined;
  const first = Number(quoted[1]);
  // Before Java 9 the major version was the second number: "1.8.0" is Java 8.
  return first === 1 && quoted[2] !== undefined ? Number(quoted[2]) : first;
}
