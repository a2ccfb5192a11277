import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Runs in the fresh process: times the require() of the module only (not Node's own start-up),
// after requiring the modules of argv[2] (comma-separated) untimed, when given.
const TIMED = `const pre=process.argv[2];if(pre)for(const m of pre.split(','))require(m);const t=process.hrtime.bigint();require(process.argv[1]);const ms=Number(process.hrtime.bigint()-t)/1e6;process.stdout.write(JSON.stringify({ms}));process.exit(0)`;

// Records every outgoing connection and DNS lookup attempted during, and shortly after, the require.
const WATCHED = `const net=require('net'),dns=require('dns');const seen=[];
const c=net.Socket.prototype.connect;net.Socket.prototype.connect=function(...a){seen.push('connect '+JSON.stringify(a[0]&&a[0].port!==undefined?{host:a[0].host,port:a[0].port}:a[0]));return c.apply(this,a)};
const l=dns.lookup;dns.lookup=function(h,...a){seen.push('lookup '+h);return l.call(this,h,...a)};
require(process.argv[1]);setTimeout(()=>{process.stdout.write(JSON.stringify({seen}));process.exit(0)},300)`;

/**
 * Module initialisation time of `file` in a brand-new Node process (ms); `preload` modules (e.g.
 * the AWS SDK, which Lambda's runtime provides) are required first and not counted.
 */
export async function initTime(
  file: string,
  env: NodeJS.ProcessEnv,
  options: { preload?: readonly string[]; cwd?: string } = {},
): Promise<number> {
  const args = ['-e', TIMED, file, ...(options.preload ? [options.preload.join(',')] : [])];
  const { stdout } = await run(process.execPath, args, { env, cwd: options.cwd });
  return (JSON.parse(stdout) as { ms: number }).ms;
}

/** The connections a module attempts when imported (it should attempt none). */
export async function connectionsAtImport(file: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const { stdout } = await run(process.execPath, ['-e', WATCHED, file], { env });
  return (JSON.parse(stdout) as { seen: string[] }).seen;
}
