import type { CommandRequest, CommandResult } from '../../../lib/commands/commandTypes';
import type { TallyCommand, TallyEvent, TallyState } from '../../support/tallyDomain';
import { meta } from '../../support/tallyDomain';

type Handle = (request: CommandRequest<TallyCommand>) => Promise<CommandResult<TallyState, TallyEvent>>;

/**
 * A deterministic tally workload: every aggregate is opened, incremented `rounds` times (1 to 3
 * events per command), and every fifth one closed. Aggregates run concurrently, each in order, so
 * the partitions interleave as concurrent commands would. Resolves with the events decided.
 */
export async function runTallyLoad(handle: Handle, ids: readonly string[], rounds: number): Promise<number> {
  const perAggregate = await Promise.all(
    ids.map(async (id, index) => {
      const run = async (command: TallyCommand) =>
        (await handle({ aggregateId: id, command, metadata: meta() })).events.length;
      let events = await run({ type: 'Open', name: id });
      for (let round = 0; round < rounds; round += 1) {
        events += await run({ type: 'Increment', by: ((index + round) % 7) + 1, times: (round % 3) + 1 });
      }
      if (index % 5 === 0) events += await run({ type: 'Close' });
      return events;
    }),
  );
  return perAggregate.reduce((sum, events) => sum + events, 0);
}
