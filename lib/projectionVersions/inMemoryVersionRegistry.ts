import type { ProjectionVersions, VersionRegistry } from './projectionVersions';

/** In-memory {@link VersionRegistry} for unit tests: the same conditions as the DynamoDB adapter. */
export class InMemoryVersionRegistry implements VersionRegistry {
  private readonly records = new Map<string, ProjectionVersions>();

  read(name: string): Promise<ProjectionVersions | undefined> {
    return Promise.resolve(this.records.get(name));
  }

  list(): Promise<ProjectionVersions[]> {
    return Promise.resolve([...this.records.values()].sort((a, b) => a.name.localeCompare(b.name)));
  }

  write(next: ProjectionVersions, expectedRevision: number): Promise<boolean> {
    const stored = this.records.get(next.name);
    if ((stored?.revision ?? 0) !== expectedRevision) return Promise.resolve(false);
    this.records.set(next.name, structuredClone(next));
    return Promise.resolve(true);
  }
}
