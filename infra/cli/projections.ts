import { Command, InvalidArgumentError } from 'commander';
import { totalLag } from '../../lib/projectionVersions/consumerLag';
import { changeVersions, currentVersions } from '../../lib/projectionVersions/changeVersions';
import { dropVersion } from '../../lib/projectionVersions/lifecycle';
import { cutoverProjection, rebuildProjection, registerVersion } from '../../lib/projectionVersions/rebuild';
import type { ProjectionName } from '../topology';
import { progressDrawer } from './progressBar';
import { endOffsets, PROJECTION_NAMES, projectionName, projectionOps } from './projectionOps';
import { reach } from './reach';

const deployment = [
  '--deployment',
  'operate on the deployment the environment variables name, not on npm start',
] as const;

type Options = { deployment?: boolean };

/**
 * `kes projections list|rebuild|cutover|drop`: versions of the read models, thin over
 * lib/projectionVersions (docs/PROTOCOL.md, "Projection versions"; infra/aws/README.md, the runbook).
 */
export function projectionsCommand(): Command {
  const command = new Command('projections').description('read-model versions: rebuild, cut over, drop');
  command
    .command('list')
    .description('each projection: its live version, versions being built, lag per partition')
    .option(...deployment)
    .action(async (options: Options) => {
      reach(options);
      for (const name of PROJECTION_NAMES) process.stdout.write(await describe(name, !!options.deployment));
    });
  command
    .command('rebuild')
    .description('build the next version from offset 0 and wait until it has caught up (ready for cutover)')
    .argument('<name>', PROJECTION_NAMES.join(' | '), projectionName)
    .option('--until <time>', 'a frozen copy as of this instant (RFC 3339), never cut over', instant)
    .option(...deployment)
    .action(async (name: ProjectionName, options: Options & { until?: string }) => {
      reach(options);
      const ops = await projectionOps(name, !!options.deployment);
      const rebuild = {
        ...ops,
        ...(options.until ? { until: options.until, endOffsets: () => endOffsets(name) } : {}),
      };
      // On AWS the version exists once deployed: registered first, so it writes nothing before.
      const registered = await registerVersion(rebuild);
      if (!registered.table) {
        process.stdout.write(deployFirst(name, registered.version));
        return;
      }
      const drawer = progressDrawer();
      const version = await rebuildProjection({
        ...rebuild,
        onProgress: (progress) => drawer.draw(progress),
      }).finally(() => drawer.end());
      process.stdout.write(
        options.until
          ? `${name} v${version.version} frozen as of ${options.until} in ${version.table}\n`
          : `${name} v${version.version} ready (caught up): npm run kes -- projections cutover ${name}\n`,
      );
    });
  command
    .command('cutover')
    .description('make the newest ready version (or --version) the one queries read')
    .argument('<name>', PROJECTION_NAMES.join(' | '), projectionName)
    .option('--version <n>', 'the version to cut over to (default: the newest ready one)', positive)
    .option(...deployment)
    .action(async (name: ProjectionName, options: Options & { version?: number }) => {
      reach(options);
      const ops = await projectionOps(name, !!options.deployment);
      const record = await cutoverProjection({
        ...ops,
        ...(options.version ? { version: options.version } : {}),
      });
      const live = record.versions.find((each) => each.state === 'live')!;
      process.stdout.write(`${name}: v${live.version} is live (${live.table})\n`);
    });
  command
    .command('drop')
    .description('forget a version that is not live: its mapping stops, its table and groups go')
    .argument('<name>', PROJECTION_NAMES.join(' | '), projectionName)
    .argument('<version>', 'the version to drop', positive)
    .option(...deployment)
    .action(async (name: ProjectionName, version: number, options: Options) => {
      reach(options);
      const ops = await projectionOps(name, !!options.deployment);
      await changeVersions(ops.registry, name, ops.naming, (current) => dropVersion(current, version));
      process.stdout.write(
        options.deployment
          ? `${name} v${version} dropped from the registry: deploy without it to delete its function and table\n`
          : `${name} v${version} dropped\n`,
      );
    });
  return command;
}

async function describe(name: ProjectionName, deployment: boolean): Promise<string> {
  const ops = await projectionOps(name, deployment);
  const record = await currentVersions(ops.registry, name, ops.naming);
  const lines = [`${name}`];
  for (const version of record.versions) {
    const lags = await ops.lagOf(version.group);
    const until = version.until ? `  as of ${version.until}` : '';
    lines.push(
      `  v${version.version}  ${version.state.padEnd(8)}  ${version.table}  lag ${totalLag(lags)} [${lags.map((p) => p.lag).join(' ')}]${until}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function deployFirst(name: ProjectionName, version: number): string {
  return [
    `${name} v${version} is registered and not deployed yet. Deploy it beside the versions you run, e.g.`,
    `  npx serverless deploy --param="${name}Versions=<the versions deployed now>,${version}"`,
    `then export a query function's variables again and run this command again to watch it catch up.`,
    '',
  ].join('\n');
}

function instant(value: string): string {
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(Date.parse(value))
  )
    throw new InvalidArgumentError('an RFC 3339 instant, e.g. 2026-12-01T12:00:00Z');
  return value;
}

function positive(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return number;
}
