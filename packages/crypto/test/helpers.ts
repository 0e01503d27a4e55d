/** Shared test fixtures: the vector files and byte helpers. */
import { readFileSync } from 'node:fs';

/** Parsed JSON of test/vectors/<name>. */
export function vectors<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8')) as T;
}

/** A fresh array holding `bytes` with byte `index` XOR-ed by `mask` (mask ≠ 0). */
export function flip(bytes: Uint8Array, index: number, mask = 1): Uint8Array {
  const out = bytes.slice();
  out[index] = out[index]! ^ mask;
  return out;
}
