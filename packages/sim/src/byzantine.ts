/**
 * Byzantine behaviours (at most f of the voting power in any scenario). A Byzantine node runs the
 * real, unchanged node; what it sends passes through `Hostile`, which twists or adds messages and
 * signs them with the validator's own key (a hostile sender: no forged signatures, only real ones
 * used badly). Twins are two real nodes sharing one key; `storage` is a real node whose directory
 * is wiped or restored from an old copy (see scenario.ts).
 */
import { makeValidatorSet, proposer } from '@djchain/consensus';
import { decode, encode, fromHex, type KeyPair, toHex } from '@djchain/crypto';
import {
  type Block,
  type CommitCertificate,
  commitHash,
  encodeBlock,
  encodeTx,
  headerHash,
  makeCommit,
  type SignedVote,
  signTx,
  signVote,
  type Transaction,
} from '@djchain/ledger';
import type { Application, Executed, WireMessage } from '@djchain/node';
import { signProposal } from '@djchain/node';
import { addressOf, nextNonce } from '@djchain/runtime';
import { decodeSnapshotChunk, encodeSnapshotChunk } from '@djchain/state';
import { CHAIN_ID, simSuite } from './genesis.ts';
import type { Prng } from './prng.ts';

export const BYZANTINE_BEHAVIOURS = [
  'equivocator',
  'timeEquivocator',
  'amnesiac',
  'wrongProposer',
  'badCertificate',
  'oversized',
  'flooder',
  'twin',
  'storage',
] as const;

export type Behaviour = 'correct' | (typeof BYZANTINE_BEHAVIOURS)[number];

/** What a hostile sender needs from the simulation around it. */
export interface HostileNet {
  /** Node indices of every other node. */
  peers(): readonly number[];
  sendTo(peer: number, msg: WireMessage, extraDelayMs?: number): void;
  /** Node indices running the validator with this public key hex. */
  nodesOf(id: string): readonly number[];
}

const suite = simSuite();

/** How late the amnesiac's prevote for its fresh block reaches the victim (the sim's prevote timeout is 500 ms). */
const AMNESIAC_LATE_MS = 380;

/** Bytes of junk per transaction of an oversized block (several make a block above the limit). */
const JUNK_TX_BYTES = 60_000;

export class Hostile {
  readonly behaviour: Behaviour;
  private readonly rng: Prng;
  private readonly key: KeyPair;
  private readonly id: string;
  private readonly maxBlockBytes: number;
  /** amnesiac: the fresh value it proposed per `${height}/${round}`. */
  private readonly fresh = new Map<string, string>();
  /** amnesiac: its fresh proposal per `${height}/${round}` (re-sent as is, never re-made). */
  private readonly freshMsg = new Map<string, WireMessage>();
  /** amnesiac: the other fresh proposal the withheld peer gets per `${height}/${round}`. */
  private readonly decoys = new Map<string, WireMessage>();
  /** amnesiac: the peer its proposal was withheld from per `${height}/${round}`. */
  private readonly withheld = new Map<string, number>();
  /** amnesiac: the peer that gets its real votes per `${height}/${round}` (the others get nil). */
  private readonly victims = new Map<string, number>();
  /** Heights and rounds a wrong-proposer proposal was already sent for. */
  private readonly sentWrong = new Set<string>();
  /** badCertificate: the forged block-sync answer of the height it was made for. */
  private forgedSync: { height: number; msg: WireMessage } | undefined;

  constructor(opts: { behaviour: Behaviour; rng: Prng; key: KeyPair; maxBlockBytes: number }) {
    this.behaviour = opts.behaviour;
    this.rng = opts.rng;
    this.key = opts.key;
    this.id = toHex(opts.key.publicKey);
    this.maxBlockBytes = opts.maxBlockBytes;
  }

  /** A message the node's real driver broadcasts: what each peer gets instead. */
  broadcast(app: Application, msg: WireMessage, net: HostileNet): void {
    switch (this.behaviour) {
      case 'equivocator':
        // Each peer gets the vote, a conflicting one, or both (then it holds the evidence itself).
        if (msg.kind === 'vote') {
          const other = this.conflicting(msg);
          for (const p of net.peers()) {
            const pick = this.rng.int(3);
            if (pick !== 1) net.sendTo(p, msg);
            if (pick !== 0) net.sendTo(p, other, this.rng.int(30));
          }
          return;
        }
        break;
      case 'timeEquivocator':
        if (msg.kind === 'vote' && msg.vote.type === 'precommit') {
          const other = this.resign({ ...msg.vote, time: msg.vote.time + 1 + this.rng.int(2000) });
          for (const p of net.peers()) {
            net.sendTo(p, msg);
            if (this.rng.chance(0.8)) net.sendTo(p, { kind: 'vote', vote: other }, this.rng.int(30));
          }
          return;
        }
        break;
      case 'amnesiac': {
        this.amnesiac(app, msg, net);
        return;
      }
      case 'wrongProposer':
        if (msg.kind === 'vote' && msg.vote.type === 'prevote')
          this.wrongProposal(app, msg.vote.height, msg.vote.round + 1, net);
        break;
      case 'badCertificate':
        if (msg.kind === 'proposal') {
          const forged = this.forgedLastCommit(app, msg);
          if (forged) {
            this.perPeer(net, () => forged);
            return;
          }
        }
        break;
      case 'oversized':
        if (msg.kind === 'proposal') {
          const big = this.oversized(app, msg);
          if (big) {
            this.perPeer(net, () => big);
            return;
          }
        }
        break;
      case 'flooder':
        if (msg.kind === 'vote') this.flood(msg.vote, net);
        break;
      default:
        break;
    }
    this.perPeer(net, () => msg);
  }

  /** A committed block on the Byzantine node (wrongProposer leads the next height if it can). */
  onCommit(app: Application, net: HostileNet): void {
    if (this.behaviour === 'wrongProposer') this.wrongProposal(app, app.height() + 1, 0, net);
  }

  /**
   * A message the Byzantine node received. amnesiac: a peer's prevote for the fresh block of its
   * own round is relayed at once to that round's victim (signed messages may be forwarded by
   * anyone), so the victim sees the polka others miss in time to lock on it, lossy network or not.
   */
  onReceive(msg: WireMessage, from: number, net: HostileNet): void {
    if (this.behaviour !== 'amnesiac' || msg.kind !== 'vote' || msg.vote.type !== 'prevote') return;
    const v = msg.vote;
    const round = `${v.height}/${v.round}`;
    const fresh = this.fresh.get(round);
    const victim = this.victims.get(round);
    if (fresh === undefined || victim === undefined || victim === from || v.blockHash === null) return;
    if (toHex(v.blockHash) === fresh) net.sendTo(victim, msg);
  }

  /** A status from a peer (badCertificate answers a peer at its own height with a forged block). */
  onStatus(
    app: Application,
    st: Extract<WireMessage, { kind: 'status' }>,
    from: number,
    net: HostileNet,
  ): void {
    if (this.behaviour !== 'badCertificate' || st.height !== app.height() + 1) return;
    const h = st.height;
    // PERF: one forged answer per height (building its block executes it); every status gets it.
    if (this.forgedSync?.height === h) {
      net.sendTo(from, this.forgedSync.msg);
      return;
    }
    const executed = this.altBlock(app, 1);
    if (!executed) return;
    // Its own precommit, and the same signature repeated: far from 2/3 of the power.
    const vote = signVote(suite, this.key.secretKey, CHAIN_ID, {
      type: 'precommit',
      height: h,
      round: 0,
      blockHash: executed.hash,
      time: app.latestTime() + 1,
      validator: this.key.publicKey,
    });
    const index = app.validators(h).validators.findIndex((v) => toHex(v.publicKey) === this.id);
    const sig = { validatorIndex: index, time: vote.time, signature: vote.signature };
    const commit = makeCommit(h, 0, executed.hash, [sig, sig, sig]);
    const msg: WireMessage = { kind: 'commit', block: encodeBlock(executed.block), commit, tip: h };
    this.forgedSync = { height: h, msg };
    net.sendTo(from, msg);
  }

  /**
   * A frame its node's snapshot wire sends. badCertificate: each chunk it serves has one value
   * changed (well-formed, so only the chunk's proof against the certified state root tells).
   */
  snapshotFrame(payload: Uint8Array): Uint8Array {
    if (this.behaviour !== 'badCertificate') return payload;
    try {
      const env = decode(payload) as { re?: unknown; body?: unknown };
      if (typeof env.re !== 'number' || !(env.body instanceof Uint8Array)) return payload;
      const body = decode(env.body) as { kind?: unknown; chunk?: unknown };
      if (body.kind !== 'chunk' || !(body.chunk instanceof Uint8Array)) return payload;
      const chunk = decodeSnapshotChunk(body.chunk);
      if (chunk.entries.length === 0) return payload;
      const [first, ...rest] = chunk.entries;
      const value = Uint8Array.from([...first!.value, 0x2a]);
      const forged = encodeSnapshotChunk({ ...chunk, entries: [{ ...first!, value }, ...rest] });
      return encode({ re: env.re, body: encode({ kind: 'chunk', chunk: forged }) });
    } catch {
      return payload;
    }
  }

  private perPeer(net: HostileNet, pick: (peer: number) => WireMessage): void {
    for (const p of net.peers()) net.sendTo(p, pick(p));
  }

  private resign(v: SignedVote): SignedVote {
    const { signature: _old, ...body } = v;
    return signVote(suite, this.key.secretKey, CHAIN_ID, body);
  }

  /** The same slot, another value: nil for a value, a made-up value for nil. */
  private conflicting(msg: Extract<WireMessage, { kind: 'vote' }>): WireMessage {
    const v = msg.vote;
    const blockHash = v.blockHash === null ? suite.hash(encode(['equivocation', v.height, v.round])) : null;
    return { kind: 'vote', vote: this.resign({ ...v, blockHash }) };
  }

  /**
   * amnesiac: as proposer it proposes a fresh block with vr = −1 in every round, as if it had
   * forgotten its lock and valid value, withholding it from one peer; every vote reaches one
   * victim as it is (for the fresh block in its own rounds) and the others as nil. The victim can
   * see a polka no one else sees and lock on a block that is not decided; a later proposal of
   * another block must then not get its prevote (the lock check of lines 23 and 29).
   */
  private amnesiac(app: Application, msg: WireMessage, net: HostileNet): void {
    for (const peer of net.peers()) {
      const out = this.amnesiacTo(app, msg, peer, net);
      if (out === null) continue;
      // Its prevote for its own fresh block reaches the victim late, near the end of the victim's
      // prevote step: the victim still locks on it, while the others, already past their prevote
      // step, learn the polka (by re-gossip) too late to lock and often too late to re-propose.
      const late =
        out.kind === 'vote' &&
        out.vote.type === 'prevote' &&
        out.vote.blockHash !== null &&
        this.fresh.get(`${out.vote.height}/${out.vote.round}`) === toHex(out.vote.blockHash);
      net.sendTo(peer, out, late ? AMNESIAC_LATE_MS : 0);
    }
  }

  /**
   * What one peer gets of a message its node sends (broadcast, or an answer to a status: the real
   * driver re-sends what it holds, which must not leak the real proposal or the real votes).
   */
  private amnesiacTo(app: Application, msg: WireMessage, peer: number, net: HostileNet): WireMessage | null {
    // Others' signed messages (re-sent in answer to a status) pass as they are.
    if (msg.kind === 'proposal' && toHex(msg.proposal.proposer) !== this.id) return msg;
    if (msg.kind === 'vote' && toHex(msg.vote.validator) !== this.id) return msg;
    if (msg.kind === 'proposal') {
      const p = msg.proposal;
      const round = `${p.height}/${p.round}`;
      let fresh = this.freshMsg.get(round);
      if (fresh === undefined) {
        const executed = this.altBlock(app, p.round + 1);
        if (!executed) return msg;
        this.fresh.set(round, executed.hashHex);
        const signed = signProposal(suite, this.key.secretKey, CHAIN_ID, {
          height: p.height,
          round: p.round,
          value: executed.hashHex,
          validRound: -1,
          proposer: this.id,
        });
        fresh = { kind: 'proposal', proposal: signed, block: encodeBlock(executed.block) };
        this.freshMsg.set(round, fresh);
        const peers = net.peers();
        this.withheld.set(round, peers[this.rng.int(peers.length)]!);
        // The withheld peer gets another fresh block instead (an equivocating proposal): merely
        // withheld, it got the first one by re-gossip before its propose timeout and its prevote
        // made the polka everyone's.
        const other = this.altBlock(app, p.round + 101);
        if (other) {
          const decoy = signProposal(suite, this.key.secretKey, CHAIN_ID, {
            height: p.height,
            round: p.round,
            value: other.hashHex,
            validRound: -1,
            proposer: this.id,
          });
          this.decoys.set(round, { kind: 'proposal', proposal: decoy, block: encodeBlock(other.block) });
        }
      }
      return this.withheld.get(round) === peer ? (this.decoys.get(round) ?? null) : fresh;
    }
    if (msg.kind !== 'vote') return msg;
    const v = msg.vote;
    // A nil vote is nil for everyone (twisted into a vote for the fresh block it would hand the
    // others the very polka or commit the victim alone is meant to see).
    if (v.blockHash === null) return msg;
    const round = `${v.height}/${v.round}`;
    const fresh = this.fresh.get(round);
    const vote: WireMessage =
      fresh === undefined ? msg : { kind: 'vote', vote: this.resign({ ...v, blockHash: fromHex(fresh) }) };
    if (peer === this.victimOf(app, v.height, v.round, net)) return vote;
    return { kind: 'vote', vote: this.resign({ ...v, blockHash: null }) };
  }

  /**
   * The round's victim: the peer that gets the amnesiac's real votes (the others get nil), one per
   * round. In its own rounds one that got the fresh block; not the next round's proposer when it
   * can be helped, so that another validator's fresh proposal follows the victim's lonely lock,
   * which only the lock check (lines 23 and 29) keeps from getting its prevote.
   */
  private victimOf(app: Application, height: number, round: number, net: HostileNet): number {
    const key = `${height}/${round}`;
    const known = this.victims.get(key);
    if (known !== undefined) return known;
    const withheld = this.withheld.get(key);
    const next = this.proposerNodes(app, height, round + 1, net);
    const got = net.peers().filter((p) => p !== withheld);
    const notNext = got.filter((p) => !next.includes(p));
    const candidates = notNext.length > 0 ? notNext : got;
    const victim = candidates[this.rng.int(candidates.length)]!;
    this.victims.set(key, victim);
    return victim;
  }

  /** A message its node sends to one peer (an answer to a status). */
  sendOne(app: Application, msg: WireMessage, peer: number, net: HostileNet): void {
    if (this.behaviour !== 'amnesiac') {
      net.sendTo(peer, msg);
      return;
    }
    const out = this.amnesiacTo(app, msg, peer, net);
    if (out !== null) net.sendTo(peer, out);
  }

  /** Node indices running proposer(h, r) (none when the height is not this node's next one). */
  private proposerNodes(app: Application, height: number, round: number, net: HostileNet): number[] {
    if (height !== app.height() + 1) return [];
    const set = app.validators(height);
    const ids = set.validators.map((v) => ({ id: toHex(v.publicKey), power: v.power }));
    return [...net.nodesOf(proposer(makeValidatorSet(ids), height, round))];
  }

  /** A signed proposal for a round this validator does not lead, with a block of its own. */
  private wrongProposal(app: Application, height: number, round: number, net: HostileNet): void {
    const key = `${height}/${round}`;
    if (height !== app.height() + 1 || this.sentWrong.has(key)) return;
    const set = app.validators(height);
    const ids = set.validators.map((v) => ({ id: toHex(v.publicKey), power: v.power }));
    if (proposer(makeValidatorSet(ids), height, round) === this.id) return;
    this.sentWrong.add(key);
    const executed = this.altBlock(app, round + 7);
    if (!executed) return;
    const signed = signProposal(suite, this.key.secretKey, CHAIN_ID, {
      height,
      round,
      value: executed.hashHex,
      validRound: -1,
      proposer: this.id,
    });
    const out: WireMessage = { kind: 'proposal', proposal: signed, block: encodeBlock(executed.block) };
    this.perPeer(net, () => out);
  }

  /** Its proposal with one signature of the last commit flipped (links and roots recomputed). */
  private forgedLastCommit(
    app: Application,
    msg: Extract<WireMessage, { kind: 'proposal' }>,
  ): WireMessage | null {
    const executed = app.executed(toHex(msg.proposal.blockHash));
    const last = executed?.block.lastCommit;
    if (!executed || !last || last.precommits.length === 0) return null;
    const [first, ...rest] = last.precommits;
    const signature = Uint8Array.from(first!.signature);
    signature[0] = signature[0]! ^ 1;
    const forged: CommitCertificate = { ...last, precommits: [{ ...first!, signature }, ...rest] };
    const header = { ...executed.block.header, lastCommitHash: commitHash(suite, forged) };
    const block: Block = { ...executed.block, header, lastCommit: forged };
    return this.reproposed(msg, block);
  }

  /** Its proposal's block with junk transactions appended, above the block byte limit. */
  private oversized(app: Application, msg: Extract<WireMessage, { kind: 'proposal' }>): WireMessage | null {
    const count = Math.ceil(this.maxBlockBytes / JUNK_TX_BYTES) + 1;
    const executed = this.altBlock(app, 0, count, JUNK_TX_BYTES);
    if (!executed || executed.hashHex === toHex(msg.proposal.blockHash)) return null;
    return this.reproposed(msg, executed.block);
  }

  private reproposed(msg: Extract<WireMessage, { kind: 'proposal' }>, block: Block): WireMessage {
    const p = msg.proposal;
    const signed = signProposal(suite, this.key.secretKey, CHAIN_ID, {
      height: p.height,
      round: p.round,
      value: toHex(headerHash(suite, block.header)),
      validRound: p.validRound,
      proposer: this.id,
    });
    return { kind: 'proposal', proposal: signed, block: encodeBlock(block) };
  }

  /**
   * A valid block of its own for the next height: `count` transactions signed with the validator's
   * key (an evidence action with nonsense parameters: it fails in execution, which keeps the nonce
   * bump and a receipt), so it differs from any block correct proposers build.
   */
  private altBlock(app: Application, salt: number, count = 1, padBytes = 8): Executed | undefined {
    const height = app.height() + 1;
    const address = addressOf(suite, this.key.publicKey);
    let nonce = nextNonce(app.store.view(height - 1), address);
    const txs: Transaction[] = [];
    for (let i = 0; i < count; i++) {
      const pad = new Uint8Array(padBytes).fill((salt + i) & 0xff);
      txs.push(
        signTx(suite, this.key.secretKey, {
          chainId: CHAIN_ID,
          module: 'evidence',
          action: 'submit',
          params: { first: pad, second: salt },
          signer: this.key.publicKey,
          nonce: nonce++,
          expiry: height + 10,
        }),
      );
    }
    try {
      return app.propose(txs, this.key.publicKey, new Set());
    } catch {
      return undefined;
    }
  }

  /** flooder: many validly signed votes for future rounds and made-up values, and stale statuses. */
  private flood(v: SignedVote, net: HostileNet): void {
    for (let i = 0; i < 3; i++) {
      const round = v.round + 1 + this.rng.int(40);
      const blockHash = suite.hash(encode(['flood', v.height, round, i]));
      const vote = this.resign({
        ...v,
        type: this.rng.chance(0.5) ? 'prevote' : 'precommit',
        round,
        blockHash,
      });
      const msg: WireMessage = { kind: 'vote', vote };
      for (const p of net.peers()) net.sendTo(p, msg);
    }
    if (this.rng.chance(0.2)) {
      const peers = net.peers();
      net.sendTo(peers[this.rng.int(peers.length)]!, { kind: 'status', height: 1, has: [] });
    }
  }
}

/** Encoded size of a transaction (for the mempool's admission). */
export function txSize(tx: Transaction): number {
  return encodeTx(tx).length;
}
