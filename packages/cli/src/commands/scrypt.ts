/**
 * node:crypto's scrypt for keystores: native, about twice as fast as the JavaScript one the browser
 * uses, and run on libuv's thread pool, so several keystores (the demo's accounts) derive in
 * parallel. Same RFC 7914 function, same files.
 */
import { scrypt } from 'node:crypto';
import type { ScryptFn } from '@djchain/client';

export const nodeScrypt: ScryptFn = (pass, salt, { N, r, p, dkLen, maxmem }) =>
  new Promise((ok, fail) => {
    scrypt(pass, salt, dkLen, { N, r, p, maxmem }, (e, key) => (e ? fail(e) : ok(new Uint8Array(key))));
  });
