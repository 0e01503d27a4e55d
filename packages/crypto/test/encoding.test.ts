/** Canonical encoding: RFC 8949 examples, round-trip properties, and every non-canonical form rejected. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  arrayItemEncodings,
  decode,
  EncodingError,
  encode,
  fromHex,
  toHex,
  type Value,
} from '../src/index.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const bigOutsideSafe = fc
  .bigInt({ min: -(1n << 64n), max: (1n << 64n) - 1n })
  .filter((b) => b > MAX_SAFE || b < -MAX_SAFE);
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 }));

/** Values in normal form: what decode returns (safe integers as numbers, others as bigint). */
const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.maxSafeInteger(),
    fc.integer({ min: -30, max: 30 }),
    bigOutsideSafe,
    fc
      .string({ unit: 'binary', maxLength: 20 })
      .filter((s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()),
    fc.uint8Array({ maxLength: 40 }),
    fc.constantFrom<Value>(true, false, null),
    fc.array(tie('v'), { maxLength: 5 }),
    fc.dictionary(key, tie('v'), { maxKeys: 5, noNullPrototype: true }),
  ),
})).v;

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof EncodingError, `expected EncodingError, got ${String(e)}`);
    return e.code;
  }
  return 'NO_ERROR';
}

describe('RFC 8949 appendix A examples (the deterministic ones in our model)', () => {
  const examples: [Value, string][] = [
    [0, '00'],
    [1, '01'],
    [10, '0a'],
    [23, '17'],
    [24, '1818'],
    [25, '1819'],
    [100, '1864'],
    [1000, '1903e8'],
    [1000000, '1a000f4240'],
    [1000000000000, '1b000000e8d4a51000'],
    [18446744073709551615n, '1bffffffffffffffff'],
    [-18446744073709551616n, '3bffffffffffffffff'],
    [-1, '20'],
    [-10, '29'],
    [-100, '3863'],
    [-1000, '3903e7'],
    [false, 'f4'],
    [true, 'f5'],
    [null, 'f6'],
    [new Uint8Array(0), '40'],
    [fromHex('01020304'), '4401020304'],
    ['', '60'],
    ['a', '6161'],
    ['IETF', '6449455446'],
    ['"\\', '62225c'],
    ['\u00fc', '62c3bc'],
    ['\u6c34', '63e6b0b4'],
    ['\ud800\udd51', '64f0908591'],
    [[], '80'],
    [[1, 2, 3], '83010203'],
    [[1, [2, 3], [4, 5]], '8301820203820405'],
    [
      Array.from({ length: 25 }, (_, i) => i + 1),
      '98190102030405060708090a0b0c0d0e0f101112131415161718181819',
    ],
    [{}, 'a0'],
    [{ a: 1, b: [2, 3] }, 'a26161016162820203'],
    [['a', { b: 'c' }], '826161a161626163'],
    [{ a: 'A', b: 'B', c: 'C', d: 'D', e: 'E' }, 'a56161614161626142616361436164614461656145'],
  ];
  for (const [v, hex] of examples) {
    test(`${hex}`, () => {
      assert.equal(toHex(encode(v)), hex);
      assert.deepEqual(decode(fromHex(hex)), v);
    });
  }
});

describe('integers', () => {
  test('boundaries decode to number when safe, bigint otherwise', () => {
    assert.deepEqual(decode(encode(Number.MAX_SAFE_INTEGER)), Number.MAX_SAFE_INTEGER);
    assert.deepEqual(decode(encode(-Number.MAX_SAFE_INTEGER)), -Number.MAX_SAFE_INTEGER);
    assert.deepEqual(decode(encode(MAX_SAFE + 1n)), MAX_SAFE + 1n);
    assert.deepEqual(decode(encode(-MAX_SAFE - 1n)), -MAX_SAFE - 1n);
    assert.deepEqual(decode(encode(2n ** 40n)), 2 ** 40, 'a safe bigint normalizes to number');
    assert.equal(toHex(encode(5n)), toHex(encode(5)));
  });
  test('out-of-model numbers are refused when encoding', () => {
    for (const v of [
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      2 ** 53,
      -(2 ** 53),
      1n << 64n,
      -(1n << 64n) - 1n,
    ]) {
      assert.equal(
        codeOf(() => encode(v)),
        'ENCODING_INT_RANGE',
        String(v),
      );
    }
  });
});

describe('encode refuses values outside the model', () => {
  test('undefined, functions, symbols, Maps, Dates, lone surrogates, deep and cyclic values', () => {
    assert.equal(
      codeOf(() => encode(undefined as unknown as Value)),
      'ENCODING_UNSUPPORTED',
    );
    assert.equal(
      codeOf(() => encode({ a: undefined } as unknown as Value)),
      'ENCODING_UNSUPPORTED',
    );
    assert.equal(
      codeOf(() => encode((() => 1) as unknown as Value)),
      'ENCODING_UNSUPPORTED',
    );
    assert.equal(
      codeOf(() => encode(Symbol('x') as unknown as Value)),
      'ENCODING_UNSUPPORTED',
    );
    assert.equal(
      codeOf(() => encode(new Map() as unknown as Value)),
      'ENCODING_UNSUPPORTED',
    );
    assert.equal(
      codeOf(() => encode(new Date(0) as unknown as Value)),
      'ENCODING_UNSUPPORTED',
    );
    assert.equal(
      codeOf(() => encode('a\ud800')),
      'ENCODING_INVALID_UTF8',
    );
    assert.equal(
      codeOf(() => encode({ '\udc00': 1 })),
      'ENCODING_INVALID_UTF8',
    );
    const cyclic: Value[] = [];
    cyclic.push(cyclic);
    assert.equal(
      codeOf(() => encode(cyclic)),
      'ENCODING_DEPTH',
    );
  });
  test('nesting: 64 levels encode and decode, 65 are refused both ways', () => {
    let v: Value = [];
    for (let i = 1; i < 64; i++) v = [v];
    assert.deepEqual(decode(encode(v)), v);
    assert.equal(
      codeOf(() => encode([v])),
      'ENCODING_DEPTH',
    );
    assert.equal(
      codeOf(() => decode(new Uint8Array([...new Array(64).fill(0x81), 0x80]))),
      'ENCODING_DEPTH',
    );
    assert.equal(
      codeOf(() => decode(new Uint8Array([...new Array(64).fill(0xa1).flatMap((b) => [b, 0x60]), 0xa0]))),
      'ENCODING_DEPTH',
    );
  });
});

describe('map keys', () => {
  test('sorted by encoded bytes: shorter keys first, then bytewise (not UTF-16 order)', () => {
    assert.equal(toHex(encode({ aa: 1, b: 2 })), 'a261620262616101');
    // U+FF61 (UTF-8 ef bd a1) sorts after U+1F600 (f0 9f 98 80)? No: both 3 vs 4 bytes, so length decides.
    assert.equal(toHex(encode({ '\u{1f600}': 1, '\uff61': 2 })), 'a263efbda10264f09f988001');
    // Same length: bytewise UTF-8 order, which differs from JS string order for surrogates.
    const a = '\u{10000}'; // f0 90 80 80
    const b = '\uffff\u0041'; // ef bf bf 41
    assert.equal(toHex(encode({ [a]: 1, [b]: 2 })), 'a264efbfbf410264f090808001');
  });
  test('a "__proto__" key is data, not a prototype', () => {
    const v = JSON.parse('{"__proto__": 1, "a": 2}') as Value;
    const bytes = encode(v);
    const back = decode(bytes) as Record<string, Value>;
    assert.equal(Object.getPrototypeOf(back), Object.prototype);
    assert.deepEqual(Object.keys(back).sort(), ['__proto__', 'a']);
    assert.deepEqual(encode(back), bytes);
  });
  test('the byte order mark is content and survives the round trip', () => {
    assert.deepEqual(decode(encode('\ufeffa')), '\ufeffa');
  });
});

describe('decode rejects every non-canonical or malformed form with a stable code', () => {
  const cases: [string, string, string][] = [
    ['1805', 'ENCODING_NON_CANONICAL', 'uint 5 in one extra byte'],
    ['190017', 'ENCODING_NON_CANONICAL', 'uint 23 in two bytes'],
    ['1900ff', 'ENCODING_NON_CANONICAL', 'uint 255 in two bytes'],
    ['1a0000ffff', 'ENCODING_NON_CANONICAL', 'uint 65535 in four bytes'],
    ['1b00000000ffffffff', 'ENCODING_NON_CANONICAL', 'uint 2^32-1 in eight bytes'],
    ['3817', 'ENCODING_NON_CANONICAL', 'negative int not shortest'],
    ['5801aa', 'ENCODING_NON_CANONICAL', 'byte-string length not shortest'],
    ['780161', 'ENCODING_NON_CANONICAL', 'text length not shortest'],
    ['9800', 'ENCODING_NON_CANONICAL', 'array length not shortest'],
    ['b800', 'ENCODING_NON_CANONICAL', 'map length not shortest'],
    ['a2616201616102', 'ENCODING_NON_CANONICAL', 'map keys unsorted'],
    ['a26161016162', 'ENCODING_TRUNCATED', 'map value missing'],
    ['a262616101616202', 'ENCODING_NON_CANONICAL', 'longer key before shorter'],
    ['a2616101616102', 'ENCODING_DUPLICATE_KEY', 'duplicate key'],
    ['a10101', 'ENCODING_MAP_KEY', 'integer key'],
    ['a1410001', 'ENCODING_MAP_KEY', 'byte-string key'],
    ['0100', 'ENCODING_TRAILING_BYTES', 'trailing byte'],
    ['', 'ENCODING_TRUNCATED', 'empty input'],
    ['18', 'ENCODING_TRUNCATED', 'missing argument byte'],
    ['4201', 'ENCODING_TRUNCATED', 'byte string past the end'],
    ['7affffffff', 'ENCODING_TRUNCATED', 'huge text length'],
    ['9bffffffffffffffff', 'ENCODING_TRUNCATED', 'huge array length'],
    ['8201', 'ENCODING_TRUNCATED', 'array past the end'],
    ['a1', 'ENCODING_TRUNCATED', 'map past the end'],
    ['f93c00', 'ENCODING_UNSUPPORTED', 'half float'],
    ['fa3f800000', 'ENCODING_UNSUPPORTED', 'single float'],
    ['fb3ff0000000000000', 'ENCODING_UNSUPPORTED', 'double float'],
    ['f7', 'ENCODING_UNSUPPORTED', 'undefined'],
    ['e0', 'ENCODING_UNSUPPORTED', 'simple value 0'],
    ['f820', 'ENCODING_UNSUPPORTED', 'one-byte simple value'],
    ['ff', 'ENCODING_UNSUPPORTED', 'break'],
    ['c11a514b67b0', 'ENCODING_UNSUPPORTED', 'tag'],
    ['5f4101ff', 'ENCODING_UNSUPPORTED', 'indefinite byte string'],
    ['7f6161ff', 'ENCODING_UNSUPPORTED', 'indefinite text'],
    ['9f01ff', 'ENCODING_UNSUPPORTED', 'indefinite array'],
    ['bf616101ff', 'ENCODING_UNSUPPORTED', 'indefinite map'],
    ['1c', 'ENCODING_UNSUPPORTED', 'reserved additional info'],
    ['62c328', 'ENCODING_INVALID_UTF8', 'invalid continuation'],
    ['62c0af', 'ENCODING_INVALID_UTF8', 'overlong encoding'],
    ['63eda080', 'ENCODING_INVALID_UTF8', 'encoded surrogate'],
    ['61ff', 'ENCODING_INVALID_UTF8', 'byte 0xff'],
  ];
  for (const [hex, code, what] of cases) {
    test(`${what} (${hex || 'empty'}) → ${code}`, () => {
      assert.equal(
        codeOf(() => decode(fromHex(hex))),
        code,
      );
    });
  }
});

describe('properties', () => {
  test('decode(encode(x)) deep-equals x', () => {
    fc.assert(
      fc.property(value, (v) => {
        assert.deepStrictEqual(decode(encode(v)), v);
      }),
      { numRuns: 400 },
    );
  });

  test('encoding is independent of key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6, noNullPrototype: true }), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse()) as Value;
        assert.deepEqual(encode(reversed), encode(obj));
      }),
      { numRuns: 100 },
    );
  });

  test('encode(decode(b)) equals b for every b that decodes (random bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
        let v: Value;
        try {
          v = decode(b);
        } catch (e) {
          assert.ok(e instanceof EncodingError);
          return;
        }
        assert.deepEqual(encode(v), b);
      }),
      { numRuns: 3000 },
    );
  });

  test('mutated encodings either fail with EncodingError or re-encode to exactly the mutated bytes', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), byte: fc.constant(0) }),
    );
    let decoded = 0;
    fc.assert(
      fc.property(value, fc.array(mutation, { minLength: 1, maxLength: 3 }), (v, muts) => {
        const bytes = Array.from(encode(v));
        for (const m of muts) {
          const at = m.at % (bytes.length + (m.kind === 'insert' ? 1 : 0));
          if (m.kind === 'set' && bytes.length > 0) bytes[at] = m.byte;
          else if (m.kind === 'insert') bytes.splice(at, 0, m.byte);
          else if (m.kind === 'delete' && bytes.length > 0) bytes.splice(at, 1);
        }
        const mutated = Uint8Array.from(bytes);
        let back: Value;
        try {
          back = decode(mutated);
        } catch (e) {
          assert.ok(e instanceof EncodingError, String(e));
          return;
        }
        decoded++;
        assert.deepEqual(encode(back), mutated);
      }),
      { numRuns: 1500 },
    );
    assert.ok(decoded > 0, 'some mutations must still decode, or the property proves nothing');
  });

  test('decoded byte strings are copies, not views of the input', () => {
    const input = fromHex('43010203');
    const out = decode(input) as Uint8Array;
    input[1] = 9;
    assert.deepEqual(out, fromHex('010203'));
  });

  test("arrayItemEncodings: each element's bytes are exactly its encoding, whatever sits around the array", () => {
    fc.assert(
      fc.property(
        fc.dictionary(key, value, { maxKeys: 4, noNullPrototype: true }),
        fc.array(value, { maxLength: 6 }),
        (others, items) => {
          const bytes = encode({ ...others, txs: items });
          const spans = arrayItemEncodings(bytes, 'txs');
          assert.ok(spans !== undefined);
          assert.deepEqual(
            spans.map((s) => toHex(s)),
            items.map((v) => toHex(encode(v))),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  test('arrayItemEncodings: undefined when the input is no map, lacks the key or holds no array there', () => {
    assert.equal(arrayItemEncodings(encode([1, 2]), 'txs'), undefined);
    assert.equal(arrayItemEncodings(encode({ tx: [1] }), 'txs'), undefined);
    assert.equal(arrayItemEncodings(encode({ txs: 'a' }), 'txs'), undefined);
    // Hand-written: {"a": 1, "txs": [h'0102', -1]} → the elements 0x420102 and 0x20.
    const spans = arrayItemEncodings(fromHex('a2616101637478738242010220'), 'txs');
    assert.deepEqual(
      spans?.map((s) => toHex(s)),
      ['420102', '20'],
    );
  });
});

describe('the reused writer (encode keeps one buffer between calls)', () => {
  test('a refused value leaves nothing behind: the next value encodes exactly', () => {
    assert.throws(() => encode({ a: 'x'.repeat(300), b: 1.5 }), { code: 'ENCODING_INT_RANGE' });
    assert.equal(toHex(encode([1, 'a'])), '82016161');
  });

  test('a value past the kept size, then small ones, then one that grows the buffer again', () => {
    const big = new Uint8Array(100_000).fill(7);
    const enc = encode({ big });
    assert.equal(enc.length, 1 + 4 + 5 + 100_000); // map head, "big", bytes head, the bytes
    assert.deepEqual((decode(enc) as { big: Uint8Array }).big, big);
    assert.equal(toHex(encode('a')), '6161');
    const mid = 'y'.repeat(1000);
    assert.deepEqual(decode(encode({ mid, n: 24 })), { mid, n: 24 });
  });

  test('an encode inside an encode (a getter) gets its own writer; both results are exact', () => {
    let inner: Uint8Array | undefined;
    const obj = {
      get a() {
        inner = encode({ z: 'inner', y: [1, 2, 3] });
        return 'outer';
      },
      b: [4, 5],
    };
    const outer = encode(obj as unknown as Value);
    assert.deepEqual(decode(outer), { a: 'outer', b: [4, 5] });
    assert.deepEqual(decode(inner!), { y: [1, 2, 3], z: 'inner' });
    // The writers went back; the next calls are still exact.
    assert.equal(toHex(encode({ a: 1 })), 'a1616101');
  });
});

describe('short strings kept by their bytes (decode hands back the string of the same bytes)', () => {
  test('5,000 distinct keys (more than the slots: they collide) decode to themselves, twice over', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i}`);
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < keys.length; i += 50) {
        const m = Object.fromEntries(keys.slice(i, i + 50).map((k, j) => [k, j]));
        assert.deepEqual(decode(encode(m)), m);
      }
    // Same length, same slot or not: a key never comes back as another of its length.
    assert.deepEqual(decode(encode({ ab: 1 })), { ab: 1 });
    assert.deepEqual(decode(encode({ ba: 2 })), { ba: 2 });
    const long = 'a'.repeat(33);
    assert.deepEqual(decode(encode({ 书记: 3, [long]: 4, é: 5 })), { 书记: 3, [long]: 4, é: 5 });
  });

  test('5,000 distinct string values (keys and values sharing the slots) decode to themselves', () => {
    const values = Array.from({ length: 5000 }, (_, i) => `2026-${i}`);
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < values.length; i += 100) {
        const m = { v: values.slice(i, i + 100), [values[i]!]: values[i + 1]! };
        assert.deepEqual(decode(encode(m)), m);
      }
  });

  test('a key that is not UTF-8 is refused each time (never kept)', () => {
    for (let i = 0; i < 2; i++)
      assert.throws(() => decode(fromHex('a162c328' + '01')), { code: 'ENCODING_INVALID_UTF8' });
    assert.throws(() => decode(fromHex('a1780161' + '01')), { code: 'ENCODING_NON_CANONICAL' }); // "a" with a 1-byte length
  });
});
