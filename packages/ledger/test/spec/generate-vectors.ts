/**
 * Writes the pinned ledger vectors (ledger.json, merkle.json) from the independent reference in
 * reference.ts. Run once, by hand, when the protocol changes on purpose — never to make a failing
 * vector test pass:  node packages/ledger/test/spec/generate-vectors.ts
 * Ed25519 signatures are deterministic; SM2 ones are not, so the gm vectors hold one signature made
 * here and the tests check that the code verifies it (and everything hashed over it).
 */
import { writeFileSync } from 'node:fs';
import {
  cbor,
  hex,
  keyOf,
  merklePath,
  merkleRoot,
  type RKey,
  type RValue,
  type SuiteId,
  signingBytes,
  signWith,
  suiteHash,
  taggedHash,
  toJson,
  unhex,
  utf8,
} from './reference.ts';

// The domain tags as the ledger README documents them, written out again on purpose rather than
// imported from src/hashing.ts: a tag changed there must change the hashes and fail the vectors.
const TAG = {
  tx: 'djchain/tx/v1',
  txId: 'djchain/txid/v1',
  header: 'djchain/header/v1',
  vote: 'djchain/vote/v1',
  commit: 'djchain/commit/v1',
  validators: 'djchain/validators/v1',
  receipt: 'djchain/receipt/v1',
};
const CHAIN = 'djchain-vectors';
const fill = (n: number, b: number) => new Uint8Array(n).fill(b);

function suiteVectors(suite: SuiteId): Record<string, unknown> {
  // Four validators; their secret keys are fixed bytes (an SM2 scalar far below the group order).
  const keys: RKey[] = [1, 2, 3, 4].map((i) => {
    const secret = suiteHash('intl', utf8(`djchain vector key ${i}`));
    secret[0] = secret[0]! & 0x3f; // an SM2 scalar well below the group order
    return keyOf(suite, secret);
  });

  const body: Record<string, RValue> = {
    chainId: CHAIN,
    module: 'member',
    action: 'recordProfileRead',
    params: {
      member: 'm-101',
      purpose: '组织工作',
      count: 300,
      delta: -2,
      flags: [true, false, null],
      blob: unhex('010203'),
    },
    signer: keys[0]!.publicKey,
    nonce: 3,
    expiry: 1000,
    onBehalfOf: 'ab'.repeat(20),
  };
  const signBytes = signingBytes(TAG.tx, body);
  const tx = { ...body, signature: signWith(suite, keys[0]!, signBytes) };
  const txEncoding = cbor(tx);
  const txHash = taggedHash(suite, TAG.txId, txEncoding);

  const receipts: Record<string, RValue>[] = [
    {
      txHash,
      status: 'ok',
      events: [
        {
          module: 'member',
          type: 'member.ProfileRead',
          entities: ['member:m-101'],
          data: { subject: 'm-101', purpose: '组织工作', height: 7, by: 'm-002', onBehalfOf: null },
        },
      ],
      writes: ['acct/' + 'cd'.repeat(20), 'hist/member:m-101'],
    },
    {
      txHash: fill(32, 0x22),
      status: 'failed',
      error: {
        code: 'RECRUITMENT_OUT_OF_ORDER',
        message: 'step 5 needs step 3',
        cite: '《中国共产党发展党员工作细则》第十条',
        details: { step: 5, needs: 3 },
      },
      events: [],
      writes: ['acct/' + 'ef'.repeat(20)],
    },
  ];
  const receiptHashes = receipts.map((r) => taggedHash(suite, TAG.receipt, cbor(r)));

  const validatorSet = {
    validators: keys.map((k, i) => ({
      publicKey: k.publicKey,
      power: (i + 1) * 10,
      name: `v${i}`,
      ...(i === 0 ? { orgId: 'c1' } : {}),
    })),
  };
  const validatorsHash = taggedHash(suite, TAG.validators, cbor(validatorSet));

  const header = {
    chainId: CHAIN,
    height: 7,
    time: 1767225600000,
    prevHash: fill(32, 0x11),
    lastCommitHash: fill(32, 0x12),
    txRoot: merkleRoot(suite, [txHash]),
    receiptRoot: merkleRoot(suite, receiptHashes),
    stateRoot: fill(32, 0x13),
    validatorsHash,
    nextValidatorsHash: validatorsHash,
    proposer: keys[0]!.publicKey,
  };
  const headerEncoding = cbor(header);
  const headerHash = taggedHash(suite, TAG.header, headerEncoding);

  // Validators 0, 2 and 3 sign: 80 of 100 power, more than 2/3. Without 3 (40) it is 40: too little.
  const round = 1;
  const precommits = [0, 2, 3].map((i) => {
    const time = 1767225601000 + i;
    const vote = {
      type: 'precommit',
      height: 7,
      round,
      blockHash: headerHash,
      time,
      validator: keys[i]!.publicKey,
      chainId: CHAIN,
    };
    return { validatorIndex: i, time, signature: signWith(suite, keys[i]!, signingBytes(TAG.vote, vote)) };
  });
  const commit = { height: 7, round, blockHash: headerHash, precommits };
  const commitEncoding = cbor(commit);

  return {
    keys: keys.map((k) => ({ secretKey: hex(k.secretKey), publicKey: hex(k.publicKey) })),
    tx: { value: toJson(tx), signBytes: hex(signBytes), encoding: hex(txEncoding), hash: hex(txHash) },
    receipts: receipts.map((r, i) => ({
      value: toJson(r),
      encoding: hex(cbor(r)),
      hash: hex(receiptHashes[i]!),
    })),
    receiptRoot: hex(merkleRoot(suite, receiptHashes)),
    txRoot: hex(header.txRoot),
    validatorSet: {
      value: toJson(validatorSet),
      encoding: hex(cbor(validatorSet)),
      hash: hex(validatorsHash),
    },
    header: { value: toJson(header), encoding: hex(headerEncoding), hash: hex(headerHash) },
    commit: {
      value: toJson(commit),
      encoding: hex(commitEncoding),
      hash: hex(taggedHash(suite, TAG.commit, commitEncoding)),
      signedPower: 80,
      totalPower: 100,
    },
  };
}

const dir = new URL('../vectors/', import.meta.url).pathname;
writeFileSync(
  `${dir}ledger.json`,
  `${JSON.stringify(
    {
      description:
        'Ledger vectors (generated by test/spec/generate-vectors.ts from reference.ts, independent of src): a transaction, two receipts and their root, a validator set, a header and a commit certificate, per suite. Bytes are {"$bytes": hex}.',
      chainId: CHAIN,
      suites: { intl: suiteVectors('intl'), gm: suiteVectors('gm') },
    },
    null,
    2,
  )}\n`,
);

// RFC 6962 tree hashes of the Certificate Transparency test leaves (the SHA-256 root of all eight
// is the published 5dc9da79…4328), and every audit path of the 7-leaf tree.
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const leaves = CT_LEAVES.map(unhex);
const merkle = (suite: SuiteId) => ({
  roots: leaves
    .map((_, n) => hex(merkleRoot(suite, leaves.slice(0, n))))
    .concat(hex(merkleRoot(suite, leaves))),
  paths7: leaves.slice(0, 7).map((_, m) => merklePath(suite, leaves.slice(0, 7), m).map(hex)),
});
writeFileSync(
  `${dir}merkle.json`,
  `${JSON.stringify(
    {
      description:
        'RFC 6962 Merkle tree hashes (generated by test/spec/generate-vectors.ts): roots[n] is the root of the first n leaves (n = 0..8); paths7[m] the audit path of leaf m in the 7-leaf tree, siblings from the leaf up.',
      leaves: CT_LEAVES,
      suites: { intl: merkle('intl'), gm: merkle('gm') },
    },
    null,
    2,
  )}\n`,
);
