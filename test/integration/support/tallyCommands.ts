import { createCommandHandler } from '../../../lib/commands/commandHandler';
import type { CommandHooks } from '../../../lib/commands/commandTypes';
import { ensureTable } from '../../../lib/dynamodb/createTable';
import type { EventLog } from '../../../lib/eventLog/eventLog';
import { DynamoHeadStore, headTableDefinition } from '../../../lib/heads/dynamoHeadStore';
import type { TallyState } from '../../support/tallyDomain';
import { tallyCatalog, tallyDecider } from '../../support/tallyDomain';
import { testDynamo } from './dynamo';
import { testEventLog } from './eventLogs';
import { createTopic } from './kafka';
import { uniqueName } from './names';

/** A tally service wired to the real broker and dynalite: fresh topic and heads table. */
export async function tallyCommandStack(
  options: { partitions?: number; poolSize?: number; hooks?: CommandHooks } = {},
) {
  const dynamo = testDynamo();
  const headsTable = uniqueName('heads');
  await ensureTable(dynamo, headsTable, headTableDefinition);
  const topic = await createTopic('tally', options.partitions ?? 1);
  const heads = new DynamoHeadStore<TallyState>(dynamo, headsTable);
  const eventLogs: EventLog[] = [];
  const newEventLog = () => {
    const log = testEventLog({
      clientId: 'tally-commands',
      transactionalIdPrefix: uniqueName('tally'),
      poolSize: options.poolSize ?? 4,
      transactionTimeoutMs: 10_000,
    });
    eventLogs.push(log);
    return log;
  };
  const eventLog = newEventLog();
  const handle = createCommandHandler({
    decider: tallyDecider,
    catalog: tallyCatalog,
    source: 'urn:service:tally',
    topic,
    heads,
    eventLog,
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  const close = async () => {
    await Promise.allSettled(eventLogs.map((log) => log.close()));
    dynamo.destroy();
  };
  return { handle, heads, headsTable, topic, eventLog, newEventLog, dynamo, close };
}
