/** What a command may touch besides files: its output streams, environment and a hidden prompt. */
import { createInterface } from 'node:readline';
import { CliError } from '../i18n.ts';

export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when stderr is a terminal (the progress bar redraws in place). */
  readonly errIsTTY: boolean;
  /** Asks for a secret without echo; undefined when there is no terminal to ask at. */
  readonly promptSecret?: (question: string) => Promise<string>;
}

export type Command = (argv: string[], io: CommandIo) => Promise<number>;

/** Reads one line from the terminal with echo off (passphrases never appear on screen). */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    const rl = createInterface({ input: stdin, terminal: true });
    // Mute echo: readline writes typed characters through _writeToOutput.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    rl.once('line', (line) => {
      rl.close();
      process.stderr.write('\n');
      resolve(line);
    });
    rl.once('SIGINT', () => {
      rl.close();
      reject(new CliError('CLI_INTERRUPTED'));
    });
  });
}

/** The real process: stdout, stderr, environment, and a prompt when stdin is a terminal. */
export function processIo(): CommandIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(text),
    env: process.env,
    errIsTTY: process.stderr.isTTY === true,
    ...(process.stdin.isTTY ? { promptSecret: promptHidden } : {}),
  };
}
