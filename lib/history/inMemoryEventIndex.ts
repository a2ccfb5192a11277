import { streamKey, type EventIndex, type EventLocation, type IndexEntry, type StreamId } from './eventIndex';

/** An event index in memory, for unit tests. The first location recorded for a version is kept. */
export class InMemoryEventIndex implements EventIndex {
  private readonly streams = new Map<string, Map<number, EventLocation>>();

  record(entries: readonly IndexEntry[]): Promise<void> {
    for (const { stream, locations } of entries) {
      const key = streamKey(stream);
      let versions = this.streams.get(key);
      if (!versions) this.streams.set(key, (versions = new Map<number, EventLocation>()));
      for (const location of locations)
        if (!versions.has(location.version)) versions.set(location.version, location);
    }
    return Promise.resolve();
  }

  locate(stream: StreamId, fromVersion: number, limit: number): Promise<EventLocation[]> {
    const found = this.sorted(stream).filter((location) => location.version >= fromVersion);
    return Promise.resolve(found.slice(0, limit));
  }

  latest(stream: StreamId): Promise<EventLocation | undefined> {
    return Promise.resolve(this.sorted(stream).at(-1));
  }

  versionAt(stream: StreamId, at: string): Promise<EventLocation | undefined> {
    const atMs = Date.parse(at);
    return Promise.resolve(
      this.sorted(stream)
        .filter((location) => Date.parse(location.time) <= atMs)
        .at(-1),
    );
  }

  /** Forgets versions, as an index that missed a batch would. */
  forget(stream: StreamId, versions: readonly number[]): void {
    for (const version of versions) this.streams.get(streamKey(stream))?.delete(version);
  }

  private sorted(stream: StreamId): EventLocation[] {
    return [...(this.streams.get(streamKey(stream))?.values() ?? [])].sort((a, b) => a.version - b.version);
  }
}
