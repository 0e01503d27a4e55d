/** Transactions (DESIGN §4): what a signer asks a module to do, signed over its canonical body. */
import { encode, type Suite, type Value } from '@djchain/crypto';
import { decodeValue } from './codec.ts';
import { LedgerError } from './errors.ts';
import { domainHash, signingBytes, TAG } from './hashing.ts';
import { Fields } from './shape.ts';

/** A transaction without its signature: exactly what is signed. */
export interface TxBody {
  readonly chainId: string;
  /** Module name, e.g. "member". */
  readonly module: string;
  /** Action name within the module. */
  readonly action: string;
  readonly params: Value;
  /** The signer's public key (suite encoding). */
  readonly signer: Uint8Array;
  /** Per signer, starting at 0; the executor accepts exactly the account's next nonce. */
  readonly nonce: number;
  /** Last height at which the transaction may be included. */
  readonly expiry: number;
  /** Address (40 lower-case hex) of the member a clerk acts for. */
  readonly onBehalfOf?: string;
}

export interface Transaction extends TxBody {
  readonly signature: Uint8Array;
}

const NAME = /^[a-z][a-zA-Z0-9_]{0,63}$/;
const ADDRESS = /^[0-9a-f]{40}$/;

/** The value form of a body (the optional field absent, never null). */
export function txBodyToValue(b: TxBody): Value {
  const v: Record<string, Value> = {
    chainId: b.chainId,
    module: b.module,
    action: b.action,
    params: b.params,
    signer: b.signer,
    nonce: b.nonce,
    expiry: b.expiry,
  };
  if (b.onBehalfOf !== undefined) v.onBehalfOf = b.onBehalfOf;
  return v;
}

export function txToValue(tx: Transaction): Value {
  return { ...(txBodyToValue(tx) as Record<string, Value>), signature: tx.signature };
}

/** Checks the shape of a transaction value; LEDGER_BAD_TX naming the field otherwise. */
export function txFromValue(v: Value): Transaction {
  const f: Fields = new Fields('LEDGER_BAD_TX', 'tx', v);
  const chainId = f.str('chainId', 64);
  const module = f.str('module', 64);
  const action = f.str('action', 64);
  if (!NAME.test(module)) f.fail('module', 'must be a name ([a-z][a-zA-Z0-9_]*)');
  if (!NAME.test(action)) f.fail('action', 'must be a name ([a-z][a-zA-Z0-9_]*)');
  const params = f.raw('params');
  const signer = f.bytes('signer');
  if (signer.length < 32 || signer.length > 65) f.fail('signer', 'must be a public key of 32 to 65 bytes');
  const nonce = f.uint('nonce');
  const expiry = f.uint('expiry');
  const onBehalfOf = f.optional('onBehalfOf', (k) => f.str(k, 40));
  if (onBehalfOf !== undefined && !ADDRESS.test(onBehalfOf))
    f.fail('onBehalfOf', 'must be 40 lower-case hex');
  const signature = f.bytes('signature');
  if (signature.length === 0 || signature.length > 128) f.fail('signature', 'must be 1 to 128 bytes');
  f.done();
  const tx = { chainId, module, action, params, signer, nonce, expiry, signature };
  return onBehalfOf === undefined ? tx : { ...tx, onBehalfOf };
}

export function encodeTx(tx: Transaction): Uint8Array {
  return encode(txToValue(tx));
}

export function decodeTx(bytes: Uint8Array): Transaction {
  return txFromValue(decodeValue('LEDGER_BAD_TX', 'tx', bytes));
}

/** What the signer signs: "djchain/tx/v1" ‖ 0x00 ‖ canonical CBOR of the body. */
export function txSignBytes(body: TxBody): Uint8Array {
  return signingBytes(TAG.tx, encode(txBodyToValue(body)));
}

/** Signs `body` with `secretKey`; the signer field must be the key's public key. */
export function signTx(suite: Suite, secretKey: Uint8Array, body: TxBody): Transaction {
  const pub = suite.publicKeyOf(secretKey);
  if (!sameBytes(pub, body.signer)) throw new LedgerError('LEDGER_BAD_TX', 'signer is not the signing key');
  const { signature: _ignored, ...clean } = body as TxBody & { signature?: unknown };
  return { ...clean, signature: suite.sign(secretKey, txSignBytes(clean)) };
}

/** True when the signature is the signer's over the body. */
export function verifyTxSignature(suite: Suite, tx: Transaction): boolean {
  return suite.verify(tx.signer, txSignBytes(tx), tx.signature);
}

/** Hash identifying a transaction (signature included): H_tag("djchain/txid/v1", encodeTx(tx)). */
export function txHash(suite: Suite, tx: Transaction): Uint8Array {
  return domainHash(suite, TAG.txId, encodeTx(tx));
}

/** The id of the transaction whose canonical encoding is `encoded` (equal to txHash of its decoding). */
export function txHashOfEncoding(suite: Suite, encoded: Uint8Array): Uint8Array {
  return domainHash(suite, TAG.txId, encoded);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
