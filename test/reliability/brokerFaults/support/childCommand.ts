import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const script = path.join(__dirname, 'hangingCommand.ts');

export interface HangingCommand {
  /** Where the never-committed records went (`partition@offset`). */
  readonly sent: string[];
  /** When the records had been sent: the transaction was open from a little before. */
  readonly sentAt: number;
  /** Resolves once the child is gone. */
  kill(): Promise<void>;
}

/**
 * Starts {@link script} in its own Node process with `env` and resolves when its transaction is
 * open and about to be committed. The child is SIGKILLed on any failure here.
 */
export async function startHangingCommand(
  env: Record<string, string>,
  command: { customerId: string; amount: number; key: string },
): Promise<HangingCommand> {
  // node --import tsx, not the tsx binary: that one runs the script in a grandchild, which a
  // SIGKILL of the child would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env, HANGING_COMMAND: JSON.stringify(command) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  try {
    const { sent, sentAt } = await untilCommitting(child, exited);
    return { sent, sentAt, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}

async function untilCommitting(child: ChildProcess, exited: Promise<void>) {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const lines = createInterface({ input: child.stdout! });
  const sent: string[] = [];
  let sentAt = 0;
  const committing = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      const message = JSON.parse(line) as {
        sent?: { partition: number; baseOffset: string }[];
        committing?: true;
      };
      if (message.sent) {
        sentAt = Date.now();
        sent.push(...message.sent.map(({ partition, baseOffset }) => `${partition}@${baseOffset}`));
      } else if (message.committing) resolve();
      else reject(new Error(`hanging command: ${line}`));
    });
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('no commit within 60 s')), 60_000).unref(),
  );
  const died = exited.then(() => Promise.reject(new Error(`the hanging command exited early:\n${stderr}`)));
  await Promise.race([committing, timeout, died]);
  return { sent, sentAt };
}
