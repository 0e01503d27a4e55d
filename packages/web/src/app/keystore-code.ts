/**
 * The keystore code (scrypt and the file format, `@djchain/client/keystore`), fetched when a key
 * file is chosen or opened rather than with the first script (issue 20): a cold load of the portal
 * never needs it. Asked for again after a failed fetch.
 */
type KeystoreCode = typeof import('@djchain/client/keystore');

let code: Promise<KeystoreCode> | null = null;

export function keystoreCode(): Promise<KeystoreCode> {
  code ??= import('@djchain/client/keystore').catch((e: unknown) => {
    code = null;
    throw e;
  });
  return code;
}
