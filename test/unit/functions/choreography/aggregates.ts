import type { CommandMetadata, Decider, DomainEvent } from '../../../../lib/domain/decider';
import type { EventCatalog } from '../../../../lib/envelope/eventCatalog';
import { eventId, type EventEnvelope } from '../../../../lib/envelope/eventEnvelope';

/**
 * One service's aggregates, in memory and pure: a command folds nothing but the decider, every
 * decided event is checked against the catalog (as publishing would), wrapped in an envelope and
 * appended to the service's topic, in decision order.
 */
export class Aggregates<Command, Event extends DomainEvent, State> {
  /** The service's topic: every event of every aggregate, in the order they were decided. */
  readonly topic: EventEnvelope<Event>[] = [];
  private readonly states = new Map<string, { state: State; version: number }>();

  constructor(
    private readonly decider: Decider<Command, Event, State>,
    private readonly catalog: EventCatalog<Event>,
  ) {}

  /** Runs a command; throws what the decider throws, appends what it decides. */
  execute(aggregateId: string, command: Command, metadata: CommandMetadata): readonly Event[] {
    const head = this.states.get(aggregateId) ?? { state: this.decider.initialState, version: 0 };
    const events = this.decider.decide(command, head.state, metadata);
    let { state, version } = head;
    for (const event of events) {
      this.catalog.contracts[event.type as Event['type']].data.parse(event.data);
      version += 1;
      state = this.decider.evolve(state, event);
      this.topic.push(this.envelope(aggregateId, version, event, metadata));
    }
    this.states.set(aggregateId, { state, version });
    return events;
  }

  state(aggregateId: string): State {
    return this.states.get(aggregateId)?.state ?? this.decider.initialState;
  }

  ids(): string[] {
    return [...this.states.keys()];
  }

  /** The events of one aggregate, oldest first. */
  eventsOf(aggregateId: string): Event[] {
    return this.topic.filter((envelope) => envelope.aggregateId === aggregateId).map((e) => e.event);
  }

  private envelope(
    id: string,
    version: number,
    event: Event,
    metadata: CommandMetadata,
  ): EventEnvelope<Event> {
    return {
      id: eventId(this.catalog.aggregateType, id, version),
      source: `urn:service:${this.catalog.aggregateType}`,
      time: metadata.now,
      aggregateId: id,
      aggregateType: this.catalog.aggregateType,
      aggregateVersion: version,
      schemaVersion: 1,
      correlationId: metadata.correlationId,
      commandId: metadata.commandId,
      event,
      ...(metadata.causationId ? { causationId: metadata.causationId } : {}),
    };
  }
}
