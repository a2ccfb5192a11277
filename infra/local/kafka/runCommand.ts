import { spawn } from 'node:child_process';

/** Outcome of {@link runCommand}: exit code (null when killed) and stdout+stderr interleaved. */
export type CommandResult = { readonly code: number | null; readonly output: string };

/**
 * Runs a short-lived command to completion, capturing its output instead of letting it reach the
 * terminal; callers show the output only when something went wrong. Rejects only if it cannot start.
 */
export function runCommand(command: string, args: readonly string[], cwd?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** The last `lines` lines of `text`, for error messages. */
export function tailLines(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
