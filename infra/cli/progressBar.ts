import type { RebuildProgress } from '../../lib/projectionVersions/rebuild';

const WIDTH = 30;

/** `[#########.....]  31%  12,400 events/s  ETA 0:42  (84,211 left)` */
export function progressLine(progress: RebuildProgress): string {
  const filled = Math.round(progress.done * WIDTH);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
  const percent = `${Math.floor(progress.done * 100)}%`.padStart(4);
  const rate = `${Math.round(progress.eventsPerSecond).toLocaleString('en')} events/s`;
  return `v${progress.version} [${bar}] ${percent}  ${rate}  ETA ${eta(progress.etaSeconds)}  (${progress.left.toLocaleString('en')} left)`;
}

function eta(seconds: number | undefined): string {
  if (seconds === undefined) return '--:--';
  const whole = Math.ceil(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * Draws progress on a terminal in place; where the output is not a terminal (CI, a pipe), one
 * line every `everyMs` instead of a stream of carriage returns.
 */
export function progressDrawer(stream: NodeJS.WriteStream = process.stderr, everyMs = 5_000) {
  let last = 0;
  return {
    draw(progress: RebuildProgress) {
      if (stream.isTTY) {
        stream.write(`\r${progressLine(progress)}\u001b[K`);
      } else if (Date.now() - last >= everyMs) {
        last = Date.now();
        stream.write(`${progressLine(progress)}\n`);
      }
    },
    end() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
