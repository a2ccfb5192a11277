import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Runs in the fresh process: times the require() of the module only (not Node's own start-up),
// after requiring the modules of argv[2] (comma-separated) untimed, when given.
const TIMED = `const pre=process.argv[2];if(pre)for(const m of pre.split(','))require(m);const t=process.hrtime.bigint();require(process.argv[1]);const ms=Number(process.hrtime.bigint()-t)/1e6;process.stdout.write(JSON.stringify({ms,node:process.version}));process.exit(0)`;

// Records every outgoing connection and DNS lookup attempted during, and shortly after, the require.
const WATCHED = `const net=require('net'),dns=require('dns');const seen=[];
const c=net.Socket.prototype.connect;net.Socket.prototype.connect=function(...a){seen.push('connect '+JSON.stringify(a[0]&&a[0].port!==undefined?{host:a[0].host,port:a[0].port}:a[0]));return c.apply(this,a)};
const l=dns.lookup;dns.lookup=function(h,...a){seen.push('lookup '+h);return l.call(this,h,...a)};
require(process.argv[1]);setTimeout(()=>{process.stdout.write(JSON.stringify({seen}));process.exit(0)},300)`;

export interface SpawnOptions {
  /** Modules required first and not counted (e.g. the AWS SDK the Lambda runtime provides). */
  readonly preload?: readonly string[];
  readonly cwd?: string;
  /** The Node binary; this process's by default. */
  readonly node?: string;
}

/** Module initialisation time of `file` in a brand-new Node process (ms), and that Node's version. */
export async function initTime(
  file: string,
  env: NodeJS.ProcessEnv,
  options: SpawnOptions = {},
): Promise<{ ms: number; node: string }> {
  const args = ['-e', TIMED, file, ...(options.preload?.length ? [options.preload.join(',')] : [])];
  const { stdout } = await run(options.node ?? process.execPath, args, { env, cwd: options.cwd });
  return JSON.parse(stdout) as { ms: number; node: string };
}

/** The connections a module attempts when imported (it should attempt none). */
export async function connectionsAtImport(
  file: string,
  env: NodeJS.ProcessEnv,
  options: Omit<SpawnOptions, 'preload'> = {},
): Promise<string[]> {
  const { stdout } = await run(options.node ?? process.execPath, ['-e', WATCHED, file], {
    env,
    cwd: options.cwd,
  });
  return (JSON.parse(stdout) as { seen: string[] }).seen;
}
