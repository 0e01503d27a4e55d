/** A progress bar on stderr: redrawn in place on a terminal, one line per tenth otherwise. */
import type { CommandIo } from './io.ts';

const WIDTH = 30;

export function progressBar(io: CommandIo, label: string, total: number): (done: number) => void {
  let lastTenth = -1;
  return (done: number) => {
    const frac = total === 0 ? 1 : Math.min(1, done / total);
    if (io.errIsTTY) {
      const full = Math.round(frac * WIDTH);
      io.err(
        `\r${label} [${'#'.repeat(full)}${'-'.repeat(WIDTH - full)}] ${done}/${total}${done >= total ? '\n' : ''}`,
      );
      return;
    }
    const tenth = Math.floor(frac * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      io.err(`${label} ${Math.round(frac * 100)}% (${done}/${total})\n`);
    }
  };
}
