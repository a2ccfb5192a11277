import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A JVM class-data-sharing (AppCDS) archive of the classes the broker loads. Mapping it instead of
 * loading ~5000 classes from jars cuts a warm broker start by ~0.7 s and StorageTool by ~0.15 s. Java 17
 * can only write a dynamic archive when the JVM exits, so the first broker run records it
 * (`-XX:ArchiveClassesAtExit`) and later runs map it (`-XX:SharedArchiveFile`).
 */
export type ClassDataArchive = {
  /** JVM flags for this run; empty when there is nothing to map and nothing to record. */
  readonly flags: readonly string[];
  /** Call after the JVM exited: publishes a freshly recorded archive, or drops it if `publish` is false. */
  finish(publish: boolean): void;
};

/**
 * The archive for this JVM build and jar set. It is keyed by the `java -version` output because an
 * archive only maps into the exact JVM build that wrote it.
 *
 * @param record whether this run may record the archive (true for brokers, false for short-lived tools
 *   whose archive would miss the broker's classes).
 */
export function classDataArchive(
  versionDir: string,
  javaVersionOutput: string,
  record: boolean,
): ClassDataArchive {
  const key = createHash('sha256').update(javaVersionOutput).digest('hex').slice(0, 12);
  const archive = path.join(versionDir, `broker-${key}.jsa`);
  if (fs.existsSync(archive)) return { flags: [`-XX:SharedArchiveFile=${archive}`], finish: () => {} };
  if (!record) return { flags: [], finish: () => {} };
  // Several brokers may record at once (a cluster); each writes its own file and the last rename wins.
  const recording = `${archive}.${process.pid}-${Date.now()}.tmp`;
  return {
    flags: [`-XX:ArchiveClassesAtExit=${recording}`],
    finish: (publish) => {
      if (publish && fs.existsSync(recording) && fs.statSync(recording).size > 0)
        fs.renameSync(recording, archive);
      else fs.rmSync(recording, { force: true });
    },
  };
}

/**
 * Deletes an archive the JVM reported it could not map (e.g. after the jars were refetched), so the
 * next broker records a fresh one instead of silently starting slowly forever.
 */
export function discardRejectedArchive(flags: readonly string[], jvmOutput: string): void {
  if (!jvmOutput.includes('Unable to use shared archive')) return;
  const mapped = flags.find((flag) => flag.startsWith('-XX:SharedArchiveFile='));
  if (mapped) fs.rmSync(mapped.slice('-XX:SharedArchiveFile='.length), { force: true });
}
