/** HMAC (RFC 2104) over any 64-byte-block hash, for hashes the platform has no native HMAC for. */
import { concatBytes } from './bytes.ts';

/** Returns HMAC-H for a hash `h` with a 64-byte block. */
export function hmacOf(
  h: (data: Uint8Array) => Uint8Array,
): (key: Uint8Array, data: Uint8Array) => Uint8Array {
  return (key, data) => {
    const k = new Uint8Array(64);
    k.set(key.length > 64 ? h(key) : key);
    const ipad = new Uint8Array(64);
    const opad = new Uint8Array(64);
    for (let i = 0; i < 64; i++) {
      ipad[i] = k[i]! ^ 0x36;
      opad[i] = k[i]! ^ 0x5c;
    }
    return h(concatBytes(opad, h(concatBytes(ipad, data))));
  };
}
