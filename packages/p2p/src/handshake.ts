/**
 * The handshake as a synchronous state machine (sockets live in connection.ts): feed it each
 * received body, write what it returns. SIGMA-I style (Krawczyk, "SIGMA", CRYPTO 2003): ephemeral
 * X25519, identities sent under handshake keys, each side signs the transcript with its static
 * suite key. README.md gives the sequence and the security argument.
 */
import { type Suite, taggedHash, toHex } from '@djchain/crypto';
import { P2PError } from './errors.ts';
import { counterNonce } from './frame.ts';
import {
  decodeMessage,
  decodeProof,
  encodeMessage,
  encodeProof,
  type HandshakeMessage,
  PROTOCOL_VERSION,
} from './handshake-messages.ts';
import { hkdf } from './hkdf.ts';
import { createEphemeral, type EphemeralKey, sharedSecret } from './x25519.ts';

const encoder = new TextEncoder();

export interface HandshakeConfig {
  readonly chainId: string;
  readonly suite: Suite;
  /** Our static identity key pair in the chain suite. */
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** Whether a peer (identity public key, lower-case hex) may connect: the node registry. */
  isAllowed(peerId: string): boolean;
  /** Initiator only: the identity the dialed address must prove. */
  readonly expectedPeerId?: string | undefined;
  /** Injected in tests; a fresh key otherwise. */
  readonly ephemeral?: EphemeralKey;
}

/** What a finished handshake yields: the authenticated peer and the per-direction session keys. */
export interface Session {
  readonly peerId: string;
  readonly peerPublicKey: Uint8Array;
  readonly initiator: boolean;
  readonly sendKey: Uint8Array;
  readonly recvKey: Uint8Array;
  /** Hash of the whole handshake transcript; equal on both sides. */
  readonly transcriptHash: Uint8Array;
}

export interface HandshakeStep {
  /** A body to send (length-prefix it). */
  readonly send?: Uint8Array;
  /** Set when the handshake is complete on this side. */
  readonly session?: Session;
}

type Phase = 'await-hello' | 'await-reply' | 'await-auth' | 'done';

/** A reject message body telling the other side why (unauthenticated; diagnostics only). */
export function rejectBody(code: string): Uint8Array {
  return encodeMessage({ t: 'reject', code });
}

export class Handshake {
  readonly #cfg: HandshakeConfig;
  readonly #eph: EphemeralKey;
  readonly #initiator: boolean;
  #phase: Phase;
  #h: Uint8Array = new Uint8Array(0);
  #ss: Uint8Array = new Uint8Array(0);
  #hsSendKey: Uint8Array = new Uint8Array(0);
  #hsRecvKey: Uint8Array = new Uint8Array(0);
  #peerPk: Uint8Array = new Uint8Array(0);

  private constructor(cfg: HandshakeConfig, initiator: boolean) {
    this.#cfg = cfg;
    this.#eph = cfg.ephemeral ?? createEphemeral();
    this.#initiator = initiator;
    this.#phase = initiator ? 'await-reply' : 'await-hello';
    // h0 binds protocol, chain id and suite: a transcript from another chain never matches ours.
    this.#h = taggedHash(
      cfg.suite,
      'djchain/p2p/v1',
      encoder.encode(cfg.chainId),
      encoder.encode(cfg.suite.id),
    );
  }

  /** An initiator and the hello body it must send first. */
  static initiate(cfg: HandshakeConfig): { handshake: Handshake; hello: Uint8Array } {
    const hs = new Handshake(cfg, true);
    const hello = encodeMessage({
      t: 'hello',
      v: PROTOCOL_VERSION,
      chain: cfg.chainId,
      suite: cfg.suite.id,
      e: hs.#eph.publicKey,
    });
    hs.#h = taggedHash(cfg.suite, 'djchain/p2p/hello', hs.#h, hello);
    return { handshake: hs, hello };
  }

  /** A responder waiting for a hello. */
  static respond(cfg: HandshakeConfig): Handshake {
    return new Handshake(cfg, false);
  }

  get done(): boolean {
    return this.#phase === 'done';
  }

  /** Processes one received body; throws P2PError (the connection then closes with its code). */
  receive(body: Uint8Array): HandshakeStep {
    const m = decodeMessage(body);
    if (m.t === 'reject') {
      this.#phase = 'done';
      throw new P2PError('P2P_REFUSED', `peer refused the handshake: ${m.code}`, { remoteCode: m.code });
    }
    if (this.#phase === 'await-hello' && m.t === 'hello') return this.#onHello(m, body);
    if (this.#phase === 'await-reply' && m.t === 'reply') return this.#onReply(m);
    if (this.#phase === 'await-auth' && m.t === 'auth') return this.#onAuth(m);
    throw new P2PError('P2P_BAD_HANDSHAKE', `unexpected ${m.t} in phase ${this.#phase}`);
  }

  #onHello(m: Extract<HandshakeMessage, { t: 'hello' }>, body: Uint8Array): HandshakeStep {
    const { suite, chainId } = this.#cfg;
    if (m.v !== PROTOCOL_VERSION) throw new P2PError('P2P_BAD_HANDSHAKE', `protocol version ${m.v}`);
    if (m.chain !== chainId)
      throw new P2PError('P2P_WRONG_CHAIN', 'peer is on another chain', { theirs: m.chain });
    if (m.suite !== suite.id)
      throw new P2PError('P2P_WRONG_SUITE', 'peer uses another suite', { theirs: m.suite });
    this.#h = taggedHash(suite, 'djchain/p2p/hello', this.#h, body);
    this.#agree(m.e, this.#eph.publicKey);
    const box = this.#seal(this.#signProof('djchain/p2p/sig/responder'));
    this.#h = taggedHash(suite, 'djchain/p2p/reply', this.#h, box);
    this.#phase = 'await-auth';
    return { send: encodeMessage({ t: 'reply', e: this.#eph.publicKey, box }) };
  }

  #onReply(m: Extract<HandshakeMessage, { t: 'reply' }>): HandshakeStep {
    const { suite } = this.#cfg;
    this.#agree(this.#eph.publicKey, m.e);
    this.#openProof(m.box, 'djchain/p2p/sig/responder');
    this.#h = taggedHash(suite, 'djchain/p2p/reply', this.#h, m.box);
    const box = this.#seal(this.#signProof('djchain/p2p/sig/initiator'));
    this.#h = taggedHash(suite, 'djchain/p2p/auth', this.#h, box);
    return { send: encodeMessage({ t: 'auth', box }), session: this.#finish() };
  }

  #onAuth(m: Extract<HandshakeMessage, { t: 'auth' }>): HandshakeStep {
    this.#openProof(m.box, 'djchain/p2p/sig/initiator');
    this.#h = taggedHash(this.#cfg.suite, 'djchain/p2p/auth', this.#h, m.box);
    return { session: this.#finish() };
  }

  /** Mixes the ephemeral keys (initiator's first) into the transcript and derives handshake keys. */
  #agree(initiatorEph: Uint8Array, responderEph: Uint8Array): void {
    const { suite } = this.#cfg;
    const peerEph = this.#initiator ? responderEph : initiatorEph;
    this.#ss = sharedSecret(this.#eph, peerEph);
    this.#h = taggedHash(suite, 'djchain/p2p/ephemeral', this.#h, responderEph);
    const i2r = hkdf(suite, this.#h, this.#ss, 'djchain/p2p handshake i->r', suite.aeadKeyLength);
    const r2i = hkdf(suite, this.#h, this.#ss, 'djchain/p2p handshake r->i', suite.aeadKeyLength);
    this.#hsSendKey = this.#initiator ? i2r : r2i;
    this.#hsRecvKey = this.#initiator ? r2i : i2r;
  }

  /** Our signature over the transcript so far, our identity and (initiator) the peer's identity. */
  #signProof(label: string): Uint8Array {
    const { suite, secretKey, publicKey } = this.#cfg;
    const digest = taggedHash(suite, label, this.#h, publicKey, this.#peerPk);
    return encodeProof({ pk: publicKey, sig: suite.sign(secretKey, digest) });
  }

  #seal(plain: Uint8Array): Uint8Array {
    return this.#cfg.suite.aeadEncrypt(this.#hsSendKey, counterNonce(0), plain);
  }

  /** Opens and checks the peer's identity proof, then applies the admission rules. */
  #openProof(box: Uint8Array, label: string): void {
    const { suite, publicKey, isAllowed, expectedPeerId } = this.#cfg;
    const plain = suite.aeadDecrypt(this.#hsRecvKey, counterNonce(0), box);
    if (plain === null) throw new P2PError('P2P_BAD_HANDSHAKE', 'identity proof failed to decrypt');
    const proof = decodeProof(plain);
    // The responder signed before it knew us, so its digest has an empty peer key.
    const digest = taggedHash(
      suite,
      label,
      this.#h,
      proof.pk,
      this.#initiator ? new Uint8Array(0) : publicKey,
    );
    if (!suite.verify(proof.pk, digest, proof.sig)) {
      throw new P2PError('P2P_BAD_HANDSHAKE', 'transcript signature does not verify');
    }
    const peerId = toHex(proof.pk);
    if (peerId === toHex(publicKey)) throw new P2PError('P2P_SELF_CONNECT', 'connected to ourselves');
    if (expectedPeerId !== undefined && this.#initiator && peerId !== expectedPeerId.toLowerCase()) {
      throw new P2PError('P2P_UNEXPECTED_PEER', 'dialed address proved another identity', { peerId });
    }
    if (!isAllowed(peerId))
      throw new P2PError('P2P_UNKNOWN_PEER', 'peer is not in the allowed set', { peerId });
    this.#peerPk = proof.pk;
  }

  #finish(): Session {
    const { suite } = this.#cfg;
    // Session keys come from the complete transcript, so they commit to both identities too.
    const i2r = hkdf(suite, this.#h, this.#ss, 'djchain/p2p data i->r', suite.aeadKeyLength);
    const r2i = hkdf(suite, this.#h, this.#ss, 'djchain/p2p data r->i', suite.aeadKeyLength);
    this.#phase = 'done';
    this.#ss = new Uint8Array(0);
    return {
      peerId: toHex(this.#peerPk),
      peerPublicKey: this.#peerPk,
      initiator: this.#initiator,
      sendKey: this.#initiator ? i2r : r2i,
      recvKey: this.#initiator ? r2i : i2r,
      transcriptHash: this.#h,
    };
  }
}
