/**
 * Encoding rules both Ed25519 implementations apply before verifying, so that OpenSSL and
 * noble-curves accept exactly the same signatures (a split here would be a consensus split).
 * RFC 8032 §5.1.7: S must be below L; points must be canonical encodings. OpenSSL 3.5 also
 * rejects small-order A and R (measured: it refuses the identity key even where the equation holds),
 * as libsodium does, so both implementations refuse the eight small-order encodings.
 */
const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const P = (1n << 255n) - 19n;

function littleEndian(bytes: Uint8Array, start: number, end: number): bigint {
  let n = 0n;
  for (let i = end - 1; i >= start; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/** S (second half of the signature, little-endian) is in [0, L). */
function canonicalS(signature: Uint8Array): boolean {
  // PERF: S < 2^252 is by far the common case and needs no bigint.
  const top = signature[63]!;
  if (top < 0x10) return true;
  if (top > 0x10) return false;
  return littleEndian(signature, 32, 64) < L;
}

/**
 * The 32 bytes are a canonical point encoding: y < p, and the sign bit is clear when x = 0
 * (y = ±1). OpenSSL decodes such non-canonical forms while noble (strict) rejects them.
 */
function canonicalPoint(bytes: Uint8Array, offset: number): boolean {
  const last = bytes[offset + 31]!;
  // PERF: y < 2^255 − 2^32 (the high word below 0x7fffffff) is certainly canonical and not ±1.
  const yHigh = last & 0x7f;
  if (yHigh < 0x7f) {
    if (last < 0x80) return true;
    let small = true;
    for (let i = offset + 1; i < offset + 31; i++) {
      if (bytes[i] !== 0) {
        small = false;
        break;
      }
    }
    // sign bit set: reject y = 1 (x = 0)
    return !(small && yHigh === 0 && bytes[offset] === 1);
  }
  const copy = bytes.slice(offset, offset + 32);
  copy[31] = yHigh;
  const y = littleEndian(copy, 0, 32);
  if (y >= P) return false;
  if (last >= 0x80 && y === P - 1n) return false;
  return true;
}

/** Canonical encodings of the eight points of order dividing 8. */
const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  '0000000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
].map((h) => Uint8Array.from(h.match(/../g)!, (b) => Number.parseInt(b, 16)));

/** The 32 bytes at `offset` encode a point of small order (canonically). */
function smallOrder(bytes: Uint8Array, offset: number): boolean {
  outer: for (const enc of SMALL_ORDER) {
    for (let i = 0; i < 32; i++) if (bytes[offset + i] !== enc[i]) continue outer;
    return true;
  }
  return false;
}

/** All checks on a 32-byte key and 64-byte signature (lengths already checked). */
export function ed25519Canonical(publicKey: Uint8Array, signature: Uint8Array): boolean {
  return (
    canonicalS(signature) &&
    canonicalPoint(publicKey, 0) &&
    canonicalPoint(signature, 0) &&
    !smallOrder(publicKey, 0) &&
    !smallOrder(signature, 0)
  );
}
