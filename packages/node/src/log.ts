/** Structured logs through pino. Log lines carry heights, hashes and codes, never personal fields. */
import { pino } from 'pino';

/** The part of a pino logger the node uses (tests may pass a silent one). */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export function createLog(level: string, destination?: NodeJS.WritableStream): Log {
  return destination ? pino({ level, base: null }, destination) : pino({ level, base: null });
}

export const silentLog: Log = createLog('silent');
