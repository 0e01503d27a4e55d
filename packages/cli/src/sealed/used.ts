/**
 * The read records already used (one tx hash per line, fsynced before any field is released), so
 * a record releases once across restarts of the service.
 */
import { existsSync, readFileSync } from 'node:fs';
import { appendSynced } from './append.ts';

export class UsedRecords {
  readonly #file: string;
  readonly #used = new Set<string>();

  constructor(file: string) {
    this.#file = file;
    if (existsSync(file))
      for (const line of readFileSync(file, 'utf8').split('\n'))
        if (/^[0-9a-f]{64}$/.test(line)) this.#used.add(line);
  }

  has(txHash: string): boolean {
    return this.#used.has(txHash);
  }

  /** Marks `txHash` used; false when it already was. Durable before it returns true. */
  claim(txHash: string): boolean {
    if (this.#used.has(txHash)) return false;
    this.#used.add(txHash);
    appendSynced(this.#file, txHash);
    return true;
  }
}
