/** Block headers (DESIGN §4): everything a light client needs to check a block and its state. */
import { encode, type Suite, type Value } from '@djchain/crypto';
import { decodeValue } from './codec.ts';
import { domainHash, TAG } from './hashing.ts';
import { Fields } from './shape.ts';

export interface Header {
  readonly chainId: string;
  /** Heights start at 1; height 0 is the genesis state. */
  readonly height: number;
  /** BFT time in ms since the Unix epoch: the power-weighted median of the last commit's vote times. */
  readonly time: number;
  /** Hash of the previous header (32 zero bytes at height 1). */
  readonly prevHash: Uint8Array;
  /** Hash of the commit certificate of the previous block (32 zero bytes at height 1). */
  readonly lastCommitHash: Uint8Array;
  /** Merkle root of this block's transaction hashes. */
  readonly txRoot: Uint8Array;
  /** Merkle root of this block's receipt hashes. */
  readonly receiptRoot: Uint8Array;
  /** State root after this block's transactions. */
  readonly stateRoot: Uint8Array;
  readonly validatorsHash: Uint8Array;
  readonly nextValidatorsHash: Uint8Array;
  /** Public key of the proposer. */
  readonly proposer: Uint8Array;
}

/** 32 zero bytes: prevHash and lastCommitHash of the first block. */
export const ZERO_HASH: Uint8Array = new Uint8Array(32);

export function headerToValue(h: Header): Value {
  return {
    chainId: h.chainId,
    height: h.height,
    time: h.time,
    prevHash: h.prevHash,
    lastCommitHash: h.lastCommitHash,
    txRoot: h.txRoot,
    receiptRoot: h.receiptRoot,
    stateRoot: h.stateRoot,
    validatorsHash: h.validatorsHash,
    nextValidatorsHash: h.nextValidatorsHash,
    proposer: h.proposer,
  };
}

export function headerFromValue(v: Value): Header {
  const f: Fields = new Fields('LEDGER_BAD_HEADER', 'header', v);
  const h: Header = {
    chainId: f.str('chainId', 64),
    height: f.uint('height'),
    time: f.uint('time'),
    prevHash: f.bytes('prevHash', 32),
    lastCommitHash: f.bytes('lastCommitHash', 32),
    txRoot: f.bytes('txRoot', 32),
    receiptRoot: f.bytes('receiptRoot', 32),
    stateRoot: f.bytes('stateRoot', 32),
    validatorsHash: f.bytes('validatorsHash', 32),
    nextValidatorsHash: f.bytes('nextValidatorsHash', 32),
    proposer: f.bytes('proposer'),
  };
  f.done();
  if (h.height === 0) f.fail('height', 'must be at least 1');
  return h;
}

export function encodeHeader(h: Header): Uint8Array {
  return encode(headerToValue(h));
}

export function decodeHeader(bytes: Uint8Array): Header {
  return headerFromValue(decodeValue('LEDGER_BAD_HEADER', 'header', bytes));
}

/** The block hash: H_tag("djchain/header/v1", canonical CBOR of the header). */
export function headerHash(suite: Suite, h: Header): Uint8Array {
  return domainHash(suite, TAG.header, encodeHeader(h));
}
