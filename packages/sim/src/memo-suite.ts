/**
 * The real signature suite with its results remembered for one simulation. Every simulated node
 * verifies every signed vote it receives, and again inside each certificate (at commit and in the
 * next block's last commit): the same (key, message, signature) up to 3·n times per vote, all in
 * this one process. The first call runs the real function; a repeat with byte-equal arguments
 * returns its result (a pure function of them). Arguments that differ in any byte miss the memo
 * and run the real function, so a forged or altered signature is still checked for real.
 * Bounded: the memo is emptied when full (a run stays small; only speed depends on it).
 */
import type { Suite } from '@djchain/crypto';

const MAX_ENTRIES = 200_000;

function bytesKey(parts: readonly Uint8Array[]): string {
  let key = '';
  for (const p of parts)
    key += `${Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('latin1')}\u0000${p.byteLength}|`;
  return key;
}

export function memoSuite(suite: Suite): Suite {
  const verified = new Map<string, boolean>();
  const signed = new Map<string, Uint8Array>();
  return {
    ...suite,
    verify(publicKey, message, signature) {
      const key = bytesKey([publicKey, message, signature]);
      let ok = verified.get(key);
      if (ok === undefined) {
        ok = suite.verify(publicKey, message, signature);
        if (verified.size >= MAX_ENTRIES) verified.clear();
        verified.set(key, ok);
      }
      return ok;
    },
    sign(secretKey, message) {
      // Only deterministic signatures are remembered (intl: Ed25519); SM2 signs with a random k.
      if (suite.id !== 'intl') return suite.sign(secretKey, message);
      const key = bytesKey([secretKey, message]);
      let sig = signed.get(key);
      if (sig === undefined) {
        sig = suite.sign(secretKey, message);
        if (signed.size >= MAX_ENTRIES) signed.clear();
        signed.set(key, sig);
      }
      return sig.slice();
    },
  };
}
