import { Command } from 'commander';
import type { Context, MSKEvent } from 'aws-lambda';
import { getConfig } from '../../functions/platform/config';
import { getKafka } from '../../functions/platform/kafka';
import {
  groupLetters,
  letterGroupId,
  letterGroupState,
  redriveEvent,
  type StoredLetter,
} from '../../lib/deadLetter/parkedLetters';
import { readLetters } from '../../lib/deadLetter/readLetters';
import { PARKED_REDRIVE_SOURCE } from '../../lib/deadLetter/parkedRecords';
import { loadHandler, loadVersionHandler } from '../local/runtime/loadHandler';
import { functions, versionFunctionName, type FunctionSpec } from '../topology';
import { getVersionRegistry, type ProjectionName } from '../../functions/platform/projectionVersions';
import { DLQ_CONSUMERS, parkedNow } from './dlqConsumers';
import { reach } from './reach';

const deployment = [
  '--deployment',
  'operate on the deployment the environment variables name, not on npm start',
] as const;

/** `kes dlq list|show|redrive`: the dead-letter topic for a person, thin over lib/deadLetter. */
export function dlqCommand(): Command {
  const dlq = new Command('dlq').description('parked aggregates and poison records on the dead-letter topic');
  dlq
    .command('list')
    .description(
      'each parked (or already redriven) aggregate and each kind of poison: reason, first and last offset, count',
    )
    .option(...deployment)
    .action(async (options: { deployment?: boolean }) => {
      const groups = groupLetters(await letters(options));
      if (groups.length === 0) process.stdout.write('the dead-letter topic is empty\n');
      for (const g of groups) {
        // The topic keeps redriven letters (append-only): the consumer's mark says if they still wait.
        const parked = g.parkedAggregate !== undefined && (await parkedNow(g.consumer, g.parkedAggregate));
        const kind = letterGroupState(g, parked);
        process.stdout.write(
          `${g.id}  ${kind}  ${g.reason}  ${g.first} … ${g.last}  ${g.count} record(s)  ${g.detail}\n`,
        );
      }
    });
  dlq
    .command('show')
    .description('the letters of one entry of `dlq list`, in order')
    .argument('<id>', '<consumer>/<aggregate id> or <consumer>/poison/<reason>')
    .option(...deployment)
    .action(async (id: string, options: { deployment?: boolean }) => {
      const members = (await letters(options)).filter((letter) => letterGroupId(letter) === id);
      if (members.length === 0) throw new Error(`no letters for ${id} (see: kes dlq list)`);
      for (const letter of members) process.stdout.write(`${JSON.stringify(describe(letter))}\n`);
    });
  dlq
    .command('redrive')
    .description('replay parked aggregates in order through the (fixed) code; idempotent')
    .option('--aggregate <id>', 'only this aggregate')
    .option('--dry-run', 'say what would be replayed, change nothing')
    .option(...deployment)
    .action(async (options: { aggregate?: string; dryRun?: boolean; deployment?: boolean }) => {
      const all = await letters(options);
      const parked = groupLetters(all).filter(
        (g) => g.parkedAggregate && (!options.aggregate || g.parkedAggregate === options.aggregate),
      );
      if (parked.length === 0)
        throw new Error(`nothing parked${options.aggregate ? ` for ${options.aggregate}` : ''}`);
      let failed = 0;
      for (const group of parked) {
        const outcome = await redrive(
          group.id,
          all.filter((l) => letterGroupId(l) === group.id),
          options.dryRun,
        );
        process.stdout.write(`${group.id}: ${outcome.line}\n`);
        if (!outcome.ok) failed += 1;
      }
      if (failed > 0) process.exitCode = 1;
    });
  return dlq;
}

async function letters(options: { deployment?: boolean }): Promise<StoredLetter[]> {
  reach(options);
  return readLetters(await getKafka(), getConfig().DEAD_LETTER_TOPIC);
}

/**
 * Runs the consumer's own handler on the parked records, marked as a redrive: a projection folds
 * them onto the parked snapshot, a reactor reacts to them from its checkpoint, and either lifts
 * the mark if all go through — by versions (and, for a reactor's commands, by command ids derived
 * from the events), so running it again, or after the live consumer moved on, changes nothing.
 */
export async function redrive(
  id: string,
  members: readonly StoredLetter[],
  dryRun = false,
): Promise<{ ok: boolean; line: string; result?: unknown }> {
  const consumer = members[0]!.consumer;
  const known = DLQ_CONSUMERS[consumer];
  const spec = functions.find((f) => f.name === known?.functionName);
  if (!known || !spec) return { ok: false, line: `no function runs consumer ${consumer}: cannot redrive` };
  const event: MSKEvent = redriveEvent(members, PARKED_REDRIVE_SOURCE);
  const count = Object.values(event.records).reduce((sum, records) => sum + records.length, 0);
  const runs = await redriveRuns(spec, known.projection);
  const names = runs.map((run) => run.name).join(', ');
  if (dryRun) return { ok: true, line: `would replay ${count} record(s) through ${names}` };
  let stillParked = 0;
  const results: unknown[] = [];
  for (const run of runs) {
    const result = (await run.handler(event, { functionName: run.name } as Context)) as {
      stillParked?: number;
    };
    stillParked += result?.stillParked ?? 0;
    results.push(result);
  }
  const ok = stillParked === 0;
  const line = ok
    ? `replayed ${count} record(s) through ${names}: up to date`
    : `replayed ${count} record(s) through ${names}: still parked (is the fix deployed?)`;
  return { ok, line, result: results.length === 1 ? results[0] : results };
}

type MskHandler = (event: MSKEvent, context: Context) => Promise<unknown>;

/**
 * Who replays a consumer's letters: its function; for a projection, every version the registry
 * runs (each parks on its own table; one that never parked the aggregate skips its letters by
 * version). Frozen copies are left alone.
 */
async function redriveRuns(spec: FunctionSpec, projection: ProjectionName | undefined) {
  if (!projection) return [{ name: spec.name, handler: loadHandler(spec) as unknown as MskHandler }];
  const record = await getVersionRegistry().read(projection, { consistent: true });
  if (!record) return [{ name: spec.name, handler: loadHandler(spec) as unknown as MskHandler }];
  return record.versions
    .filter((version) => version.state !== 'frozen' && version.state !== 'freezing')
    .map((version) => ({
      name: versionFunctionName(projection, version.version),
      handler: loadVersionHandler(spec, version.version, version.table) as unknown as MskHandler,
    }));
}

function describe(letter: StoredLetter) {
  const header = (name: string) => letter.source.headers[name]?.toString('utf8');
  return {
    source: `${letter.source.topic}-${letter.source.partition}@${letter.source.offset}`,
    reason: letter.reason,
    detail: letter.detail,
    type: header('ce_type'),
    version: header('ce_aggregateversion'),
    time: header('ce_time'),
    data: letter.source.value?.toString('utf8').slice(0, 500),
  };
}
