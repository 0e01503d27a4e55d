/**
 * The node's content-addressed attachment store (`<dataDir>/attachments/`): the content of each
 * attachment registered on chain (`attachment.register`), as a real file named by its SHA-256,
 * `<2 hex>/<64 hex>`. Written so a crash or power cut never leaves a half-written file under a
 * hash: the bytes go to `tmp/<random>` while being hashed and counted, are refused before anything
 * is kept when they exceed the expected size or the node's limit or hash to anything else, then
 * fsync, rename into place, fsync the directory. Leftovers in `tmp/` (a crash mid-write) are
 * removed at open. A stored file is never rewritten: content is immutable by its name.
 *
 * Content is never logged; only hashes and sizes are.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  type ReadStream,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { NodeError } from '../errors.ts';

export interface AttachmentStoreOptions {
  /** Largest content this node accepts and keeps, in bytes. */
  readonly maxBytes: number;
}

export const defaultAttachmentStoreOptions: AttachmentStoreOptions = { maxBytes: 32 * 1024 * 1024 };

export const ATTACHMENTS_DIR = 'attachments';
const HASH = /^[0-9a-f]{64}$/;

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class AttachmentStore {
  readonly dir: string;
  readonly opts: AttachmentStoreOptions;
  private readonly tmp: string;

  constructor(dataDir: string, opts: Partial<AttachmentStoreOptions> = {}) {
    this.opts = { ...defaultAttachmentStoreOptions, ...opts };
    if (!Number.isSafeInteger(this.opts.maxBytes) || this.opts.maxBytes <= 0)
      throw new NodeError('NODE_BAD_CONFIG', 'attachments.maxBytes must be a positive integer', {
        maxBytes: this.opts.maxBytes,
      });
    this.dir = join(dataDir, ATTACHMENTS_DIR);
    this.tmp = join(this.dir, 'tmp');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // A write cut by a crash left at most a temporary file: never under a hash, removed here.
    rmSync(this.tmp, { recursive: true, force: true });
    mkdirSync(this.tmp, { mode: 0o700 });
  }

  /** Where the content of `hash` lives (whether or not it is there). */
  pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new NodeError('NODE_ATTACHMENT_REFUSED', 'not a SHA-256 hex hash');
    return join(this.dir, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return existsSync(this.pathOf(hash));
  }

  /** Size of the stored content, or null when this node does not hold it. */
  sizeOf(hash: string): number | null {
    try {
      return statSync(this.pathOf(hash)).size;
    } catch {
      return null;
    }
  }

  /**
   * Stores `source` as the content of `hash`, exactly `size` bytes: refused (nothing kept) with
   * NODE_ATTACHMENT_TOO_LARGE above the node's limit, NODE_ATTACHMENT_SIZE_MISMATCH when the bytes
   * are more or fewer, NODE_ATTACHMENT_HASH_MISMATCH when they hash to anything else. Returns
   * false when the content was already held (the source is not read).
   */
  async put(hash: string, size: number, source: AsyncIterable<Uint8Array>): Promise<boolean> {
    const final = this.pathOf(hash);
    if (size > this.opts.maxBytes)
      throw new NodeError('NODE_ATTACHMENT_TOO_LARGE', 'the attachment exceeds this node’s limit', {
        size,
        limit: this.opts.maxBytes,
      });
    if (existsSync(final)) return false;
    const tmp = join(this.tmp, randomBytes(12).toString('hex'));
    const fd = openSync(tmp, 'wx', 0o600);
    let kept = false;
    try {
      const h = createHash('sha256');
      let n = 0;
      for await (const chunk of source) {
        n += chunk.length;
        if (n > size)
          throw new NodeError('NODE_ATTACHMENT_SIZE_MISMATCH', 'more bytes than the registered size', {
            size,
          });
        h.update(chunk);
        let off = 0;
        while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
      }
      if (n !== size)
        throw new NodeError('NODE_ATTACHMENT_SIZE_MISMATCH', 'fewer bytes than the registered size', {
          size,
          received: n,
        });
      const got = h.digest('hex');
      if (got !== hash)
        throw new NodeError('NODE_ATTACHMENT_HASH_MISMATCH', 'the content does not hash to its name', {
          hash,
        });
      fsyncSync(fd);
      closeSync(fd);
      kept = true;
      const sub = join(this.dir, hash.slice(0, 2));
      mkdirSync(sub, { recursive: true, mode: 0o700 });
      renameSync(tmp, final);
      fsyncDir(sub);
      fsyncDir(this.dir);
      return true;
    } finally {
      if (!kept) {
        closeSync(fd);
        unlinkSync(tmp);
      }
    }
  }

  /** A stream of the stored content (the caller checked that it is held). */
  open(hash: string): ReadStream {
    return createReadStream(this.pathOf(hash));
  }

  /** Up to `length` bytes from `offset` (fewer at the end), for a peer's request. */
  readChunk(hash: string, offset: number, length: number): Uint8Array {
    const fd = openSync(this.pathOf(hash), 'r');
    try {
      const buf = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const r = readSync(fd, buf, got, length - got, offset + got);
        if (r === 0) break;
        got += r;
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, got);
    } finally {
      closeSync(fd);
    }
  }

  /** Hashes held (bounded walk), for tests and the operator. */
  list(max = 100_000): string[] {
    const out: string[] = [];
    for (const sub of readdirSync(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const f of readdirSync(join(this.dir, sub))) {
        if (HASH.test(f)) out.push(f);
        if (out.length >= max) return out.sort();
      }
    }
    return out.sort();
  }
}
