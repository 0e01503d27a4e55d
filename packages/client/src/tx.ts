/**
 * Building and signing transactions with either suite. Nothing here sends a key anywhere: the
 * signature is made locally with the ledger's signTx and only the signed bytes leave.
 */
import { type Suite, toHex } from '@djchain/crypto/browser';
import { encodeTx, signTx, type Transaction, type TxBody, txHash } from '@djchain/ledger';
import { toBase64 } from './base64.ts';
import { ClientError } from './errors.ts';

/** The chain address of a public key: hex of the first 20 bytes of its suite hash. */
export { addressOf } from '@djchain/ledger';

/** The state key of an account's next nonce (runtime: acct/<address> = { nonce }). */
export const accountKey = (address: string): string => `acct/${address}`;

/**
 * What a transaction carries before it is signed: the ledger's body (its nonce the signer's next,
 * which DjchainClient.nextNonce reads with a proof).
 */
export type TxRequest = TxBody;

/** The body to sign; CLIENT_BAD_TX when a field cannot be valid. */
export function buildTx(req: TxRequest): TxBody {
  const uint = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!uint(req.nonce)) throw new ClientError('CLIENT_BAD_TX', 'nonce must be a non-negative integer');
  if (!uint(req.expiry)) throw new ClientError('CLIENT_BAD_TX', 'expiry must be a non-negative integer');
  if (req.onBehalfOf !== undefined && !/^[0-9a-f]{40}$/.test(req.onBehalfOf))
    throw new ClientError('CLIENT_BAD_TX', 'onBehalfOf must be an address (40 lowercase hex)');
  const body: TxBody = {
    chainId: req.chainId,
    module: req.module,
    action: req.action,
    params: req.params,
    signer: req.signer,
    nonce: req.nonce,
    expiry: req.expiry,
  };
  return req.onBehalfOf === undefined ? body : { ...body, onBehalfOf: req.onBehalfOf };
}

/** A signed transaction with its id and wire forms. */
export interface SignedTx {
  readonly tx: Transaction;
  readonly bytes: Uint8Array;
  readonly base64: string;
  /** Lowercase hex of txHash. */
  readonly hash: string;
}

/** Signs `body` with `secretKey` (ledger signTx: "djchain/tx/v1" ‖ 0x00 ‖ canonical body). */
export function signTransaction(suite: Suite, secretKey: Uint8Array, body: TxBody): SignedTx {
  let tx: Transaction;
  try {
    tx = signTx(suite, secretKey, body);
  } catch (e) {
    throw new ClientError('CLIENT_BAD_TX', (e as Error).message);
  }
  const bytes = encodeTx(tx);
  return { tx, bytes, base64: toBase64(bytes), hash: toHex(txHash(suite, tx)) };
}

/**
 * `action` (module, action, parameters, on whose behalf) built for `chainId` and signed by `key`
 * with `nonce` and `expiry`: how the SDK's send and the CLI's batch submissions make a transaction.
 */
export function signAction(
  suite: Suite,
  chainId: string,
  key: { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array },
  action: Pick<TxRequest, 'module' | 'action' | 'params' | 'onBehalfOf'>,
  nonce: number,
  expiry: number,
): SignedTx {
  return signTransaction(
    suite,
    key.secretKey,
    buildTx({ chainId, ...action, signer: key.publicKey, nonce, expiry }),
  );
}
