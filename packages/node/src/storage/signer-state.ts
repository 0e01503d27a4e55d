/**
 * The signer's last-signed state, kept OUTSIDE chain.db in `signer-state.json` so that restoring
 * an old chain.db, re-bootstrapping from a snapshot or copying a directory cannot roll it back
 * with the chain data. It is the authority for "never sign at or below": the consensus machine's
 * signer guard starts from its `lastSigned`, and its record (locks, everything signed at that
 * height) is resumed when the node reaches that height again. Written durably whenever something
 * new is signed, before it is sent.
 *
 * The file (format 2; the name kept from format 1, a plain JSON file) is a fixed-size file of a
 * header and two slots, each slot holding one JSON record (`SignerStateJson`):
 *
 *   header (4,096 bytes): "DJSIGNER" · version u32 (2) · slot size u32 · SHA-256 of those 16 bytes
 *   slot 0 at 4,096, slot 1 at 4,096 + slot size; a slot: length u32 · sequence u64 · the record
 *   (UTF-8 JSON, `length` bytes) · SHA-256 of (length, sequence, record); the rest zeros
 *
 * A save writes the record with the next sequence number into slot (sequence % 2) in place and
 * syncs the data once (fdatasync): no rename, no directory sync, and the file's size never
 * changes, so no metadata the data sync would skip. The other slot still holds the previous
 * record, so a crash or power cut during the write leaves either the previous record (the
 * written slot torn: its checksum fails) or the new one; a save returns only after the sync, so
 * an acknowledged record is never lost. Load takes the intact slot with the higher sequence.
 * Slots are multiples of 4,096 bytes at 4,096-aligned offsets: a torn page of one slot never
 * touches the other. The whole file is written (temp file, fsync, rename, directory fsync —
 * `durable-file.ts`) only when it is created, when a format-1 file is migrated (its first save),
 * and when a record outgrows the slot (the slot size doubles, up to SIGNER_STATE_MAX_SLOT_BYTES;
 * a larger record is refused with `NODE_SIGNER_STATE_TOO_LARGE` and the file is left as it was).
 * The record grows with the rounds at one height (three messages a round) and the validators (the
 * polka: up to two sets of 2f+1 prevotes; ≈ 210 bytes a message, 275 with gm keys): the first
 * slot (64 KiB) holds a record of a hundred validators after forty rounds at one height (thirty
 * with gm keys), the largest (4 MiB) 64 times that.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fdatasyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { compareHRS, type HRS, type PersistRecord } from '@djchain/consensus';
import { NodeError } from '../errors.ts';
import { writeFileDurably } from './durable-file.ts';

export const SIGNER_STATE_FILE = 'signer-state.json';
/** The slot size of a new file. */
export const SIGNER_STATE_SLOT_BYTES = 64 * 1024;
/** The largest slot: a record that does not fit is refused (`NODE_SIGNER_STATE_TOO_LARGE`). */
export const SIGNER_STATE_MAX_SLOT_BYTES = 4 * 1024 * 1024;
const MAGIC = Buffer.from('DJSIGNER', 'latin1');
const VERSION = 2;
const HEADER_BYTES = 4096;
/** length u32 + sequence u64 */
const SLOT_HEAD = 12;
const SUM_BYTES = 32;

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
  /** The slot size of the file on disk; null: a format-1 file (or none yet), rewritten whole at the next write. */
  private slotBytes: number | null;
  /** The sequence number of the current record (0: none in format 2 yet). */
  private seq: number;

  private constructor(
    opts: SignerStateOptions,
    current: SignerStateJson,
    slotBytes: number | null,
    seq: number,
  ) {
    this.file = join(opts.dataDir, SIGNER_STATE_FILE);
    this.current = current;
    this.slotBytes = slotBytes;
    this.seq = seq;
  }

  static exists(dataDir: string): boolean {
    return existsSync(join(dataDir, SIGNER_STATE_FILE));
  }

  /** Reads the file; `NODE_SIGNER_STATE_BAD` when it is unreadable or belongs to another chain or key. */
  static load(opts: SignerStateOptions): SignerStateFile {
    const file = join(opts.dataDir, SIGNER_STATE_FILE);
    let read: DecodedSignerState;
    try {
      read = decodeSignerState(readFileSync(file));
    } catch (e) {
      throw new NodeError('NODE_SIGNER_STATE_BAD', `${file} cannot be read: ${(e as Error).message}`, {
        file,
      });
    }
    const problem = checkJson(read.json, opts);
    if (problem) throw new NodeError('NODE_SIGNER_STATE_BAD', `${file}: ${problem}`, { file });
    return new SignerStateFile(opts, read.json, read.slotBytes, read.seq);
  }

  /** A new file (written at once) with `floor` as the last-signed position; `watch` after a reset. */
  static create(opts: SignerStateOptions, floor: HRS | null, watch = false): SignerStateFile {
    const s = new SignerStateFile(
      opts,
      {
        format: 1,
        chainId: opts.chainId,
        validator: opts.validator,
        lastSigned: floor,
        record: null,
        ...(watch ? { watch: true } : {}),
      },
      null,
      0,
    );
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
    const payload = Buffer.from(JSON.stringify(next), 'utf8');
    const need = SLOT_HEAD + payload.length + SUM_BYTES;
    const seq = this.seq + 1;
    if (this.slotBytes === null || need > this.slotBytes) {
      // Created, migrated from format 1, or outgrown: the whole file, atomically (rename).
      let size = Math.max(this.slotBytes ?? 0, SIGNER_STATE_SLOT_BYTES);
      while (size < need) size *= 2;
      if (size > SIGNER_STATE_MAX_SLOT_BYTES)
        throw new NodeError(
          'NODE_SIGNER_STATE_TOO_LARGE',
          `${this.file}: a record of ${payload.length} bytes does not fit the largest slot (${SIGNER_STATE_MAX_SLOT_BYTES} bytes)`,
          { file: this.file, bytes: payload.length },
        );
      const image = Buffer.alloc(HEADER_BYTES + 2 * size);
      header(size).copy(image, 0);
      slot(payload, seq).copy(image, HEADER_BYTES + (seq % 2) * size);
      writeFileDurably(this.file, image);
      this.slotBytes = size;
    } else {
      // In place: the slot of this sequence (the other keeps the previous record), one data sync.
      const bytes = slot(payload, seq);
      const fd = openSync(this.file, 'r+');
      try {
        const at = HEADER_BYTES + (seq % 2) * this.slotBytes;
        let off = 0;
        while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off, at + off);
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    this.seq = seq;
    this.current = next;
  }
}

function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

function header(slotBytes: number): Buffer {
  const b = Buffer.alloc(16 + SUM_BYTES);
  MAGIC.copy(b, 0);
  b.writeUInt32BE(VERSION, 8);
  b.writeUInt32BE(slotBytes, 12);
  sha256(b.subarray(0, 16)).copy(b, 16);
  return b;
}

/** A slot's bytes: length, sequence, record, checksum (the rest of the slot is not written). */
function slot(payload: Buffer, seq: number): Buffer {
  const b = Buffer.alloc(SLOT_HEAD + payload.length + SUM_BYTES);
  b.writeUInt32BE(payload.length, 0);
  b.writeBigUInt64BE(BigInt(seq), 4);
  payload.copy(b, SLOT_HEAD);
  sha256(b.subarray(0, SLOT_HEAD + payload.length)).copy(b, SLOT_HEAD + payload.length);
  return b;
}

/** What a signer-state file holds: its current record, and for format 2 the slot size and sequence. */
export interface DecodedSignerState {
  readonly json: SignerStateJson;
  /** null: a format-1 file (one JSON record). */
  readonly slotBytes: number | null;
  readonly seq: number;
}

/**
 * The record of a signer-state file's bytes (either format): for format 2, the intact slot with
 * the higher sequence. Throws when the header is damaged or neither slot is intact.
 */
export function decodeSignerState(bytes: Buffer): DecodedSignerState {
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    // Format 1: the record as JSON (written by the versions before the two slots).
    return { json: JSON.parse(bytes.toString('utf8')) as SignerStateJson, slotBytes: null, seq: 0 };
  }
  const head = bytes.subarray(0, 16 + SUM_BYTES);
  if (head.length < 16 + SUM_BYTES || !sha256(head.subarray(0, 16)).equals(head.subarray(16)))
    throw new NodeError('NODE_SIGNER_STATE_BAD', 'the header is damaged');
  if (head.readUInt32BE(8) !== VERSION)
    throw new NodeError('NODE_SIGNER_STATE_BAD', `unknown version ${head.readUInt32BE(8)}`);
  const slotBytes = head.readUInt32BE(12);
  if (
    slotBytes < SIGNER_STATE_SLOT_BYTES ||
    slotBytes > SIGNER_STATE_MAX_SLOT_BYTES ||
    slotBytes % 4096 !== 0
  )
    throw new NodeError('NODE_SIGNER_STATE_BAD', `the header's slot size ${slotBytes} is invalid`);
  let best: { seq: number; payload: Buffer } | null = null;
  for (const i of [0, 1]) {
    const s = bytes.subarray(HEADER_BYTES + i * slotBytes, HEADER_BYTES + (i + 1) * slotBytes);
    if (s.length < SLOT_HEAD + SUM_BYTES) continue;
    const len = s.readUInt32BE(0);
    if (SLOT_HEAD + len + SUM_BYTES > s.length) continue;
    const end = SLOT_HEAD + len;
    if (!sha256(s.subarray(0, end)).equals(s.subarray(end, end + SUM_BYTES))) continue;
    const seq = Number(s.readBigUInt64BE(4));
    // A slot is written with sequence ≡ its index (mod 2): anything else was not written here.
    if (seq % 2 !== i) continue;
    if (best === null || seq > best.seq) best = { seq, payload: s.subarray(SLOT_HEAD, end) };
  }
  if (best === null) throw new NodeError('NODE_SIGNER_STATE_BAD', 'neither slot holds an intact record');
  return { json: JSON.parse(best.payload.toString('utf8')) as SignerStateJson, slotBytes, seq: best.seq };
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
