import { Command } from 'commander';
import { verifyAll, type VerifyReport } from '../../lib/verify/verifyAll';
import { AGGREGATE_TYPES, aggregateType, sourcesOf, type AggregateType } from './aggregateTypes';
import { reach } from './reach';

/**
 * `kes verify [<type>]`: every aggregate folded from the log and compared with its head, its
 * entities and its read model; each mismatch printed; exit status 1 on any.
 */
export function verifyCommand(): Command {
  return new Command('verify')
    .description('fold every aggregate from the log and compare it with its head and read model')
    .argument('[aggregateType]', 'order, inventory or account (default: all)', aggregateType)
    .option('--deployment', 'operate on the deployment the environment variables name, not on npm start')
    .action(async (type: AggregateType | undefined, options: { deployment?: boolean }) => {
      reach(options);
      let mismatches = 0;
      for (const { type: each, report } of await verifyTypes(type ? [type] : AGGREGATE_TYPES)) {
        for (const m of report.mismatches)
          process.stdout.write(`${each} ${m.aggregateId} ${m.where}: ${m.detail}\n`);
        const rate = report.seconds > 0 ? Math.round(report.events / report.seconds) : report.events;
        process.stdout.write(
          `${each}: ${report.aggregates} aggregates, ${report.events} events (${rate}/s), ${report.mismatches.length} mismatches` +
            `${report.pending > 0 ? `, ${report.pending} with events not yet published` : ''}\n`,
        );
        mismatches += report.mismatches.length;
      }
      if (mismatches > 0) process.exitCode = 1;
    });
}

/**
 * Every aggregate (every head) of each type folded from the log and compared with what derives
 * from it, through the platform's stores: what `kes verify` prints, and what the reliability
 * scenarios end with.
 */
export async function verifyTypes(
  types: readonly AggregateType[],
): Promise<{ type: AggregateType; report: VerifyReport }[]> {
  const reports: { type: AggregateType; report: VerifyReport }[] = [];
  for (const type of types) {
    const sources = sourcesOf(type);
    reports.push({ type, report: await verifyAll(sources, sources.heads.ids()) });
  }
  return reports;
}
