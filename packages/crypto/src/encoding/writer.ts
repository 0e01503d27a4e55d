/**
 * A growing byte buffer for the encoder. PERF: writes go straight into one Uint8Array that doubles
 * when full, instead of pushing bytes into an array.
 */
export class Writer {
  buf: Uint8Array;
  pos = 0;
  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
  }

  /** Make room for `n` more bytes. */
  reserve(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** A CBOR head (major type + argument) in its shortest form; `n` is a non-negative integer below 2^64. */
  head(major: number, n: number | bigint): void {
    const m = major << 5;
    this.reserve(9);
    const buf = this.buf;
    if (typeof n === 'number') {
      if (n < 24) {
        buf[this.pos++] = m | n;
      } else if (n < 0x100) {
        buf[this.pos++] = m | 24;
        buf[this.pos++] = n;
      } else if (n < 0x10000) {
        buf[this.pos++] = m | 25;
        buf[this.pos++] = n >>> 8;
        buf[this.pos++] = n & 0xff;
      } else if (n < 0x100000000) {
        buf[this.pos++] = m | 26;
        buf[this.pos++] = n >>> 24;
        buf[this.pos++] = (n >>> 16) & 0xff;
        buf[this.pos++] = (n >>> 8) & 0xff;
        buf[this.pos++] = n & 0xff;
      } else {
        this.head64(m, BigInt(n));
      }
      return;
    }
    if (n < 0x100000000n) this.head(major, Number(n));
    else this.head64(m, n);
  }

  private head64(m: number, n: bigint): void {
    this.buf[this.pos++] = m | 27;
    new DataView(this.buf.buffer, this.buf.byteOffset).setBigUint64(this.pos, n);
    this.pos += 8;
  }

  /** The written bytes (a copy, so the writer's buffer can be dropped). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}
