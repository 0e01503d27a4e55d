/**
 * Attachments of step records: the chain keeps the file's hash (`ref`, hex of the chain suite's
 * hash); the file itself stays off chain — here in this browser's IndexedDB, keyed by that hash,
 * so the page that recorded it can open it again. The branch archives the paper or file as well.
 */
import { toHex } from '@djchain/crypto/browser';
import type { Chain } from './chain.ts';

const DB = 'djchain-docs';
const STORE = 'files';

function open(): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

/** Hashes a file with the chain's suite and keeps it locally; the hex hash goes on chain as `ref`. */
export async function keepFile(
  chain: Chain,
  file: File,
): Promise<{ hash: string; name: string; size: number }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const hash = toHex(chain.client.suite.hash(bytes));
  try {
    const db = await open();
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put({ name: file.name, type: file.type, bytes }, hash);
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  } catch {
    // No IndexedDB (private mode): the hash still goes on chain; the file stays with its owner.
  }
  return { hash, name: file.name, size: bytes.length };
}
