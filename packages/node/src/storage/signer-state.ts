/**
 * The signer's last-signed state, kept OUTSIDE chain.db in `signer-state.json` so that restoring
 * an old chain.db, re-bootstrapping from a snapshot or copying a directory cannot roll it back
 * with the chain data. It is the authority for "never sign at or below": the consensus machine's
 * signer guard starts from its `lastSigned`, and its record (locks, everything signed at that
 * height) is resumed when the node reaches that height again. Written durably (temp file, fsync,
 * rename, fsync of the directory) whenever something new is signed, before it is sent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareHRS, type HRS, type PersistRecord } from '@djchain/consensus';
import { NodeError } from '../errors.ts';
import { writeFileDurably } from './durable-file.ts';

export const SIGNER_STATE_FILE = 'signer-state.json';

/** What the file holds (JSON). */
export interface SignerStateJson {
  readonly format: 1;
  readonly chainId: string;
  /** The validator's public key (hex): the file belongs to one key on one chain. */
  readonly validator: string;
  /** Nothing at or below this position may be signed again. */
  readonly lastSigned: HRS | null;
  /** The machine's record at the height of the last signature (locks, signed messages). */
  readonly record: PersistRecord | null;
  /**
   * Set by `--signer-state-reset`: the node does not know what this key signed before, and signs
   * nothing until it has heard where the other validators are (the driver's watch). Absent: false.
   */
  readonly watch?: boolean;
}

/** The driver's view of the signer state. */
export interface SignerState {
  /** The floor for the signer guard. */
  lastSigned(): HRS | null;
  /** The record to resume when the node starts at its height. */
  record(): PersistRecord | null;
  /** Durable before returning when `record` signed something new; a no-op otherwise. */
  save(record: PersistRecord): void;
  /** Whether the node is watching after a reset (signs nothing until the watch ends). */
  watching(): boolean;
  /** Raises the floor (never lowers it), durably. */
  raiseFloor(floor: HRS): void;
  /** Ends the watch with `floor` as the floor (raised, never lowered), durably. */
  endWatch(floor: HRS): void;
}

export interface SignerStateOptions {
  readonly dataDir: string;
  readonly chainId: string;
  readonly validator: string;
}

export function maxHRS(a: HRS | null, b: HRS | null): HRS | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareHRS(a, b) >= 0 ? a : b;
}

/** The signer state of one node directory, read at start and written through `save`. */
export class SignerStateFile implements SignerState {
  readonly file: string;
  private current: SignerStateJson;

  private constructor(opts: SignerStateOptions, current: SignerStateJson) {
    this.file = join(opts.dataDir, SIGNER_STATE_FILE);
    this.current = current;
  }

  static exists(dataDir: string): boolean {
    return existsSync(join(dataDir, SIGNER_STATE_FILE));
  }

  /** Reads the file; `NODE_SIGNER_STATE_BAD` when it is unreadable or belongs to another chain or key. */
  static load(opts: SignerStateOptions): SignerStateFile {
    const file = join(opts.dataDir, SIGNER_STATE_FILE);
    let json: SignerStateJson;
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as SignerStateJson;
    } catch (e) {
      throw new NodeError('NODE_SIGNER_STATE_BAD', `${file} cannot be read: ${(e as Error).message}`, {
        file,
      });
    }
    const problem = checkJson(json, opts);
    if (problem) throw new NodeError('NODE_SIGNER_STATE_BAD', `${file}: ${problem}`, { file });
    return new SignerStateFile(opts, json);
  }

  /** A new file (written at once) with `floor` as the last-signed position; `watch` after a reset. */
  static create(opts: SignerStateOptions, floor: HRS | null, watch = false): SignerStateFile {
    const s = new SignerStateFile(opts, {
      format: 1,
      chainId: opts.chainId,
      validator: opts.validator,
      lastSigned: floor,
      record: null,
      ...(watch ? { watch: true } : {}),
    });
    s.write(s.current);
    return s;
  }

  lastSigned(): HRS | null {
    return this.current.lastSigned;
  }

  record(): PersistRecord | null {
    return this.current.record;
  }

  watching(): boolean {
    return this.current.watch === true;
  }

  /** Raises the floor (never lowers it) and writes the file (only when it moved). */
  raiseFloor(floor: HRS): void {
    const next = maxHRS(this.current.lastSigned, floor);
    if (next === this.current.lastSigned) return;
    this.write({ ...this.current, lastSigned: next });
  }

  /** Starts a watch (a reset of an existing file), with `floor` raised as well. */
  startWatch(floor: HRS): void {
    this.write({ ...this.current, lastSigned: maxHRS(this.current.lastSigned, floor), watch: true });
  }

  endWatch(floor: HRS): void {
    const { watch: _done, ...rest } = this.current;
    this.write({ ...rest, lastSigned: maxHRS(this.current.lastSigned, floor) });
  }

  save(record: PersistRecord): void {
    const prev = this.current.record;
    // Written on a new signature, and when the locks or the valid value move (line 36 locks and
    // precommits in one step, but in step precommit it moves validValue/validRound alone): the
    // record carries the polka behind them, which a restart re-gossips.
    const fresh =
      prev === null ||
      prev.height !== record.height ||
      prev.signed.length !== record.signed.length ||
      prev.lockedRound !== record.lockedRound ||
      prev.validRound !== record.validRound ||
      prev.validValue !== record.validValue ||
      compareHRS(record.lastSigned ?? NONE, prev.lastSigned ?? NONE) !== 0;
    // A record with nothing signed at its height (a restored node catching up below its floor)
    // must not replace the one that holds the signatures and locks of the floor's height; nor
    // may one of a lower height (chain.db's, resumed after a power loss took the database's last
    // blocks): the file's record is resumed when the node reaches its height again.
    if (!fresh || record.lastSigned === null || record.signed.length === 0) return;
    if (prev !== null && record.height < prev.height) return;
    this.write({ ...this.current, lastSigned: maxHRS(this.current.lastSigned, record.lastSigned), record });
  }

  private write(next: SignerStateJson): void {
    writeFileDurably(this.file, `${JSON.stringify(next)}\n`);
    this.current = next;
  }
}

const NONE: HRS = { height: -1, round: -1, step: 0 };

function isHRS(v: unknown): v is HRS {
  const h = v as HRS;
  return (
    typeof h === 'object' &&
    h !== null &&
    Number.isSafeInteger(h.height) &&
    Number.isSafeInteger(h.round) &&
    (h.step === 0 || h.step === 1 || h.step === 2)
  );
}

function checkJson(j: SignerStateJson, opts: SignerStateOptions): string | null {
  if (typeof j !== 'object' || j === null || j.format !== 1) return 'unknown format';
  if (j.chainId !== opts.chainId) return `it belongs to chain ${String(j.chainId)}, not ${opts.chainId}`;
  if (j.validator !== opts.validator) return 'it belongs to another validator key';
  if (j.lastSigned !== null && !isHRS(j.lastSigned)) return 'lastSigned is malformed';
  const r = j.record;
  if (r !== null && (typeof r !== 'object' || !Number.isSafeInteger(r.height) || !Array.isArray(r.signed)))
    return 'record is malformed';
  return null;
}

export interface OpenSignerStateOptions extends SignerStateOptions {
  /** Whether this node's key votes at the next height. */
  readonly isValidator: boolean;
  /** Whether chain.db already holds blocks or a consensus record (not a first start at genesis). */
  readonly hasHistory: boolean;
  /** The next height to decide (latest block + 1). */
  readonly nextHeight: number;
  /** The operator confirmed that this key signs nowhere else (`--signer-state-reset`). */
  readonly reset: boolean;
}

/**
 * The signer state a node starts with:
 * - the file, when it exists (with `reset`, its floor raised to the next height);
 * - a new empty file on a first start (no history);
 * - a validator with history but no file (a restored or copied chain.db, a snapshot bootstrap) is
 *   refused with `NODE_SIGNER_STATE_MISSING`: it may have signed things this directory does not
 *   know. With `reset` the new file's floor is the whole next height (nothing is signed at it; the
 *   node follows the others' decision there and signs from the height after).
 */
export function openSignerState(opts: OpenSignerStateOptions): SignerStateFile {
  const floor: HRS = { height: opts.nextHeight, round: Number.MAX_SAFE_INTEGER, step: 2 };
  if (SignerStateFile.exists(opts.dataDir)) {
    if (!opts.reset) return SignerStateFile.load(opts);
    let s: SignerStateFile;
    try {
      s = SignerStateFile.load(opts);
    } catch {
      return SignerStateFile.create(opts, floor, true);
    }
    s.startWatch(floor);
    return s;
  }
  if (opts.reset) return SignerStateFile.create(opts, floor, true);
  if (opts.isValidator && opts.hasHistory) {
    const file = join(opts.dataDir, SIGNER_STATE_FILE);
    throw new NodeError(
      'NODE_SIGNER_STATE_MISSING',
      `${file} is missing but the directory holds chain data: this validator may have signed at heights it does not know`,
      { file },
    );
  }
  return SignerStateFile.create(opts, null);
}
