/** The parts of sm-crypto (v0.3, untyped) the cross-verification tests and the vector generators use. */
declare module 'sm-crypto' {
  interface SignOptions {
    hash?: boolean;
    der?: boolean;
    publicKey?: string;
    userId?: string;
  }
  const smCrypto: {
    sm2: {
      getPublicKeyFromPrivateKey(privateKeyHex: string): string;
      doSignature(msg: string | number[], privateKeyHex: string, options?: SignOptions): string;
      doVerifySignature(
        msg: string | number[],
        signatureHex: string,
        publicKeyHex: string,
        options?: SignOptions,
      ): boolean;
    };
    /** SM3 of a UTF-8 string or of bytes given as a number array; lower-case hex. */
    sm3(msg: string | number[]): string;
  };
  export default smCrypto;
}
