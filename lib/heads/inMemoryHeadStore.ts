import type { AggregateHead, HeadStore } from './headStore';

/** A head store in memory with the same conditional semantics, for unit tests. */
export class InMemoryHeadStore<State> implements HeadStore<State> {
  readonly heads = new Map<string, AggregateHead<State>>();
  writes = 0;

  read(id: string): Promise<AggregateHead<State> | undefined> {
    return Promise.resolve(this.copy(this.heads.get(id)));
  }

  write(head: AggregateHead<State>, expectedVersion: number): Promise<boolean> {
    this.writes += 1;
    if ((this.heads.get(head.id)?.version ?? 0) !== expectedVersion) return Promise.resolve(false);
    this.heads.set(head.id, this.copy(head)!);
    return Promise.resolve(true);
  }

  markPublished(id: string, version: number): Promise<void> {
    const head = this.heads.get(id);
    if (head?.version === version) {
      const { pendingSince: _dropped, ...rest } = head;
      this.heads.set(id, { ...rest, pending: [], pendingEntities: [], publishedThrough: version });
    } else if (head && (head.publishedThrough ?? 0) < version) {
      this.heads.set(id, { ...head, publishedThrough: version });
    }
    return Promise.resolve();
  }

  listPending(olderThan: string, limit: number): Promise<AggregateHead<State>[]> {
    const stale = [...this.heads.values()]
      .filter((head) => head.pendingSince !== undefined && head.pendingSince < olderThan)
      .sort((a, b) => (a.pendingSince! < b.pendingSince! ? -1 : 1))
      .slice(0, limit);
    return Promise.resolve(stale.map((head) => this.copy(head)!));
  }

  async *ids(): AsyncIterable<string> {
    for (const id of [...this.heads.keys()]) yield await Promise.resolve(id);
  }

  private copy(head: AggregateHead<State> | undefined): AggregateHead<State> | undefined {
    return head === undefined ? undefined : structuredClone(head);
  }
}
