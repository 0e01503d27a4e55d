/**
 * The wire framing after the handshake: 4-byte big-endian length, then the AEAD-sealed body
 * (ciphertext ‖ 16-byte tag). Each direction has its own key and a counter nonce that both sides
 * advance in step, so a replayed, dropped, reordered or altered frame fails to decrypt.
 */
import type { Suite } from '@djchain/crypto';
import { P2PError } from './errors.ts';

const FRAME_HEADER_BYTES = 4;
export const AEAD_TAG_BYTES = 16;
// Counters stay exact in a double up to 2^53; no connection lives to send that many frames.
const MAX_COUNTER = Number.MAX_SAFE_INTEGER;

/** 12-byte nonce: 4 zero bytes then the 8-byte big-endian frame counter. */
export function counterNonce(counter: number): Uint8Array {
  const nonce = new Uint8Array(12);
  new DataView(nonce.buffer).setBigUint64(4, BigInt(counter));
  return nonce;
}

/** Writes the 4-byte big-endian length header of `body`. */
export function withLength(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + body.length);
  new DataView(out.buffer).setUint32(0, body.length);
  out.set(body, FRAME_HEADER_BYTES);
  return out;
}

/**
 * One direction's AEAD key and the frame counter both sides advance in step. Held in private fields,
 * so the key never shows as a property of a sealer or an opener.
 */
abstract class FrameDirection {
  readonly #suite: Suite;
  readonly #key: Uint8Array;
  #counter = 0;

  constructor(suite: Suite, key: Uint8Array) {
    this.#suite = suite;
    this.#key = key;
  }

  /** The number of the next frame. */
  protected get counter(): number {
    return this.#counter;
  }

  /** Runs one AEAD operation under the next frame's nonce; the counter advances unless it answers null. */
  protected next(
    op: (suite: Suite, key: Uint8Array, nonce: Uint8Array) => Uint8Array | null,
  ): Uint8Array | null {
    const out = op(this.#suite, this.#key, counterNonce(this.#counter));
    if (out !== null) this.#counter++;
    return out;
  }
}

/** Seals outgoing frames of one direction. */
export class FrameSealer extends FrameDirection {
  /** The complete wire frame (length header included) carrying `plaintext`. */
  seal(plaintext: Uint8Array): Uint8Array {
    if (this.counter >= MAX_COUNTER) throw new P2PError('P2P_CONNECTION_CLOSED', 'nonce counter exhausted');
    const sealed = this.next((suite, key, nonce) => suite.aeadEncrypt(key, nonce, plaintext))!;
    return withLength(sealed);
  }
}

/** Opens incoming frame bodies of one direction, in order. */
export class FrameOpener extends FrameDirection {
  /** The plaintext of the next frame `body`; throws P2P_DECRYPT_FAILED when it does not authenticate. */
  open(body: Uint8Array): Uint8Array {
    const plain = this.next((suite, key, nonce) => suite.aeadDecrypt(key, nonce, body));
    if (plain === null) {
      throw new P2PError('P2P_DECRYPT_FAILED', 'frame failed authentication', { frame: this.counter });
    }
    return plain;
  }
}

/**
 * Splits a byte stream into length-prefixed bodies. Pull-style (`push` then `next` until null) so the
 * caller can change `maxBody` between bodies, e.g. from the handshake limit to the frame limit. It
 * holds at most one partial body, so what it buffers is bounded by `maxBody` plus one read chunk.
 */
export class FrameReader {
  maxBody: number;
  #chunks: Uint8Array[] = [];
  #length = 0;
  #need = -1;

  constructor(maxBody: number) {
    this.maxBody = maxBody;
  }

  /** Bytes held and not yet returned as a body. */
  get buffered(): number {
    return this.#length;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** The next complete body, or null when more bytes are needed; throws P2P_FRAME_TOO_LARGE. */
  next(): Uint8Array | null {
    if (this.#need < 0) {
      if (this.#length < FRAME_HEADER_BYTES) return null;
      const header = this.#take(FRAME_HEADER_BYTES);
      const need = new DataView(header.buffer, header.byteOffset, 4).getUint32(0);
      if (need > this.maxBody) {
        throw new P2PError('P2P_FRAME_TOO_LARGE', `frame of ${need} bytes exceeds ${this.maxBody}`, {
          length: need,
          max: this.maxBody,
        });
      }
      this.#need = need;
    }
    if (this.#length < this.#need) return null;
    const body = this.#take(this.#need);
    this.#need = -1;
    return body;
  }

  #take(n: number): Uint8Array {
    const first = this.#chunks[0];
    if (first !== undefined && first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      this.#length -= n;
      return out;
    }
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.#chunks[0]!;
      const part = Math.min(chunk.length, n - filled);
      out.set(chunk.subarray(0, part), filled);
      filled += part;
      if (part === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(part);
    }
    this.#length -= n;
    return out;
  }
}
