/** A module's view of its namespace: module-relative keys, canonical CBOR values. */
import { decode, encode, type Value } from '@djchain/crypto';
import { RuntimeError } from './errors.ts';
import { checkKey, moduleKey } from './keys.ts';
import type { Overlay } from './overlay.ts';
import type { ReadStore, Store } from './types.ts';
import type { StateView } from './view.ts';

const DEFAULT_LIMIT = 1000;

/** Read-only store of `module` over `view`. */
export class ModuleReadStore implements ReadStore {
  protected readonly view: StateView;
  protected readonly prefix: string;

  constructor(view: StateView, module: string) {
    this.view = view;
    this.prefix = `${module}/`;
  }

  get(key: string): Value | undefined {
    checkKey(key);
    const bytes = this.view.get(this.prefix + key);
    return bytes === undefined ? undefined : decode(bytes);
  }

  has(key: string): boolean {
    checkKey(key);
    return this.view.get(this.prefix + key) !== undefined;
  }

  keys(prefix: string, limit = DEFAULT_LIMIT): string[] {
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new RuntimeError('RUNTIME_BAD_KEY', 'limit must be a non-negative integer');
    }
    const n = this.prefix.length;
    return this.view.keys(this.prefix + prefix, limit).map((k) => k.slice(n));
  }
}

/**
 * Writable store over an overlay. When `lockedBy` returns a reason, writes throw
 * RUNTIME_WRITE_IN_VERIFY (authorize and verify must not write).
 */
export class ModuleStore extends ModuleReadStore implements Store {
  private readonly overlay: Overlay;
  private readonly locked: () => boolean;

  constructor(overlay: Overlay, module: string, locked: () => boolean = () => false) {
    super(overlay, module);
    this.overlay = overlay;
    this.locked = locked;
  }

  set(key: string, value: Value): void {
    this.guard(key);
    let bytes: Uint8Array;
    try {
      bytes = encode(value);
    } catch (e) {
      throw new RuntimeError(
        'RUNTIME_BAD_VALUE',
        `value of ${key} cannot be encoded: ${(e as Error).message}`,
      );
    }
    this.overlay.set(moduleKey(this.prefix.slice(0, -1), key), bytes);
  }

  delete(key: string): void {
    this.guard(key);
    this.overlay.delete(moduleKey(this.prefix.slice(0, -1), key));
  }

  private guard(key: string): void {
    if (this.locked())
      throw new RuntimeError('RUNTIME_WRITE_IN_VERIFY', 'authorize and verify must not write');
    checkKey(key);
  }
}
