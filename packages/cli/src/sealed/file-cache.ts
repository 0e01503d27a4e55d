import { statSync } from 'node:fs';

/**
 * A file's parsed form, loaded again when its size, modification time or inode changes (the vault
 * is replaced by rename, the profiles file grows by appends).
 */
export class FileCache<T> {
  readonly #file: string;
  #stamp = '';
  #value: T | undefined;

  constructor(file: string) {
    this.#file = file;
  }

  get(load: () => T): T {
    let stamp = 'absent';
    try {
      const s = statSync(this.#file, { bigint: true });
      stamp = `${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch {
      // An absent file is loaded as such by `load` (no profiles yet).
    }
    if (this.#value === undefined || stamp !== this.#stamp) {
      this.#value = load();
      this.#stamp = stamp;
    }
    return this.#value;
  }
}
