import { Command, InvalidArgumentError } from 'commander';
import type { DomainEvent } from '../../lib/domain/decider';
import type { EventHistory } from '../../lib/history/eventHistory';
import { aggregateType, sourcesOf, type AggregateType } from './aggregateTypes';
import { reach } from './reach';

const positive = (value: string) => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new InvalidArgumentError('a version from 1 up');
  return parsed;
};
const instant = (value: string) => {
  if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('an RFC 3339 instant');
  return value;
};

/**
 * `kes history <type> <id> [--version N | --at T]`: the events of one aggregate read back from the
 * log, one line each, then the decider's state folded to that point.
 */
export function historyCommand(): Command {
  return new Command('history')
    .description("print an aggregate's events from the log and its state folded to a version or an instant")
    .argument('<aggregateType>', 'order, inventory or account', aggregateType)
    .argument('<id>', 'the aggregate id (order id, sku, customer id)')
    .option('--version <n>', 'up to this version', positive)
    .option('--at <instant>', 'up to the last event at or before this instant', instant)
    .option('--deployment', 'operate on the deployment the environment variables name, not on npm start')
    .action(async (type: AggregateType, id: string, options: HistoryOptions) => {
      if (options.version !== undefined && options.at !== undefined)
        throw new Error('give --version or --at, not both');
      reach(options);
      const { decider, history } = sourcesOf(type);
      const until = await versionAsked(history, `${type} ${id}`, id, options);
      const envelopes = await history.range(id, 1, until.version);
      for (const { aggregateVersion, time, event } of envelopes) {
        process.stdout.write(
          `${String(aggregateVersion).padStart(6)}  ${time}  ${event.type}  ${JSON.stringify(event.data)}\n`,
        );
      }
      const state = envelopes.reduce(
        (current, envelope) => decider.evolve(current, envelope.event),
        decider.initialState,
      );
      process.stdout.write(
        `\nstate at version ${until.version} of ${until.latest}:\n${JSON.stringify(state, null, 2)}\n`,
      );
    });
}

/** The version `--version` or `--at` names (default: the latest), checked against the log. */
async function versionAsked(
  history: EventHistory<DomainEvent>,
  what: string,
  id: string,
  options: HistoryOptions,
) {
  const latest = (await history.latest(id))?.version ?? 0;
  if (latest === 0) throw new Error(`${what} has no events in the log`);
  const version =
    options.at === undefined
      ? (options.version ?? latest)
      : ((await history.versionAt(id, options.at))?.version ?? 0);
  if (version < 1 || version > latest)
    throw new Error(`${what} has versions 1 to ${latest}; nothing at that point`);
  return { version, latest };
}

interface HistoryOptions {
  readonly version?: number;
  readonly at?: string;
  readonly deployment?: boolean;
}
