/**
 * The content-addressed attachment store on real files: content kept under its SHA-256 only when
 * it is exactly the registered size and hashes to its name; a refused or cut write leaves nothing
 * under a hash (and its temporary file goes); leftovers of a crash are removed at open; the
 * node's size limit refuses before anything is written.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isNodeError } from '../src/index.ts';
import { AttachmentStore } from '../src/storage/attachment-store.ts';
import { tempDir } from './helpers.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

const CONTENT = new TextEncoder().encode('支部党员大会会议记录 2025-03 (minutes: no personal data)');

describe('attachment store', () => {
  it('keeps the content under <2 hex>/<hash>, durably renamed from a temporary file', async (t) => {
    const dir = tempDir(t);
    const store = new AttachmentStore(dir);
    const hash = sha(CONTENT);
    assert.equal(store.has(hash), false);
    assert.equal(await store.put(hash, CONTENT.length, chunks(CONTENT.slice(0, 7), CONTENT.slice(7))), true);
    const file = join(dir, 'attachments', hash.slice(0, 2), hash);
    assert.deepEqual(new Uint8Array(readFileSync(file)), CONTENT);
    assert.deepEqual(readdirSync(join(dir, 'attachments', 'tmp')), [], 'no temporary file left');
    assert.equal(store.sizeOf(hash), CONTENT.length);
    assert.deepEqual(store.list(), [hash]);
    // Held already: the source is not read again.
    let read = false;
    const again = (async function* () {
      read = true;
      yield CONTENT;
    })();
    assert.equal(await store.put(hash, CONTENT.length, again), false);
    assert.equal(read, false);
    assert.deepEqual(store.readChunk(hash, 3, 5), CONTENT.slice(3, 8));
    assert.deepEqual(store.readChunk(hash, CONTENT.length - 2, 10), CONTENT.slice(-2));
  });

  it('refuses content that hashes to anything else, keeping nothing', async (t) => {
    const dir = tempDir(t);
    const store = new AttachmentStore(dir);
    const forged = new Uint8Array(CONTENT);
    forged[0] = forged[0]! ^ 1;
    const hash = sha(CONTENT);
    await assert.rejects(store.put(hash, CONTENT.length, chunks(forged)), (e) =>
      isNodeError(e, 'NODE_ATTACHMENT_HASH_MISMATCH'),
    );
    assert.equal(store.has(hash), false);
    assert.deepEqual(readdirSync(join(dir, 'attachments', 'tmp')), []);
  });

  it('refuses more or fewer bytes than the registered size, and above the node limit', async (t) => {
    const dir = tempDir(t);
    const store = new AttachmentStore(dir, { maxBytes: 200 });
    assert.ok(CONTENT.length < 200);
    const hash = sha(CONTENT);
    await assert.rejects(store.put(hash, CONTENT.length - 1, chunks(CONTENT)), (e) =>
      isNodeError(e, 'NODE_ATTACHMENT_SIZE_MISMATCH'),
    );
    await assert.rejects(store.put(hash, CONTENT.length + 1, chunks(CONTENT)), (e) =>
      isNodeError(e, 'NODE_ATTACHMENT_SIZE_MISMATCH'),
    );
    const big = new Uint8Array(201).fill(7);
    let read = false;
    const source = (async function* () {
      read = true;
      yield big;
    })();
    await assert.rejects(store.put(sha(big), 201, source), (e) => {
      assert.ok(isNodeError(e, 'NODE_ATTACHMENT_TOO_LARGE'));
      assert.deepEqual(e.details, { size: 201, limit: 200 });
      return true;
    });
    assert.equal(read, false, 'refused before a byte is read');
    assert.deepEqual(store.list(), []);
    assert.deepEqual(readdirSync(join(dir, 'attachments', 'tmp')), []);
  });

  it('a write cut mid-stream (a failing source, as a dropped upload) leaves nothing under the hash', async (t) => {
    const dir = tempDir(t);
    const store = new AttachmentStore(dir);
    const hash = sha(CONTENT);
    const cut = (async function* () {
      yield CONTENT.slice(0, 10);
      throw new Error('connection reset');
    })();
    await assert.rejects(store.put(hash, CONTENT.length, cut), /connection reset/);
    assert.equal(store.has(hash), false);
    assert.deepEqual(readdirSync(join(dir, 'attachments', 'tmp')), []);
  });

  it('leftovers of a crash (temporary files) are removed at open; kept content stays', async (t) => {
    const dir = tempDir(t);
    const first = new AttachmentStore(dir);
    const hash = sha(CONTENT);
    await first.put(hash, CONTENT.length, chunks(CONTENT));
    // What a process killed between write and rename leaves behind.
    writeFileSync(join(dir, 'attachments', 'tmp', 'a1b2c3'), CONTENT.slice(0, 9));
    const reopened = new AttachmentStore(dir);
    assert.deepEqual(readdirSync(join(dir, 'attachments', 'tmp')), []);
    assert.equal(reopened.has(hash), true);
    assert.ok(existsSync(join(dir, 'attachments', hash.slice(0, 2), hash)));
  });

  it('names are hashes only: a path outside the store is refused', (t) => {
    const store = new AttachmentStore(tempDir(t));
    assert.throws(
      () => store.pathOf('../../key.json'),
      (e) => isNodeError(e, 'NODE_ATTACHMENT_REFUSED'),
    );
    assert.throws(
      () => store.has('AB'.repeat(32)),
      (e) => isNodeError(e, 'NODE_ATTACHMENT_REFUSED'),
    );
  });
});
