/**
 * WireMessage ⇄ canonical CBOR bytes. Peers are authenticated but not trusted: every field of a
 * received message is checked for shape here (signatures and blocks are checked by the driver), and
 * a malformed message is refused with NODE_BAD_MESSAGE.
 */
import { decode, encode, type Value } from '@djchain/crypto';
import {
  commitFromValue,
  commitToValue,
  Fields,
  signedVoteFromValue,
  signedVoteToValue,
} from '@djchain/ledger';
import type { SignedProposal, WireMessage } from '../consensus/wire.ts';
import { NodeError } from '../errors.ts';

/** Keys a status may announce (rounds × types × validators, bounded so a status stays small). */
const MAX_STATUS_KEYS = 4096;

export function encodeWire(msg: WireMessage): Uint8Array {
  switch (msg.kind) {
    case 'proposal':
      return encode({ kind: 'proposal', proposal: proposalToValue(msg.proposal), block: msg.block });
    case 'vote':
      return encode({ kind: 'vote', vote: signedVoteToValue(msg.vote) });
    case 'status':
      return encode({ kind: 'status', height: msg.height, has: [...msg.has] });
    case 'commit':
      return encode({ kind: 'commit', block: msg.block, commit: commitToValue(msg.commit), tip: msg.tip });
  }
}

export function decodeWire(bytes: Uint8Array): WireMessage {
  try {
    const f = new Fields('LEDGER_BAD_ENCODING', 'wire message', decode(bytes));
    const kind = f.str('kind', 16);
    let msg: WireMessage;
    switch (kind) {
      case 'proposal':
        msg = { kind, proposal: proposalFromValue(f.raw('proposal')), block: f.bytes('block') };
        break;
      case 'vote':
        msg = { kind, vote: signedVoteFromValue(f.raw('vote')) };
        break;
      case 'status':
        msg = { kind, height: f.uint('height'), has: f.strings('has', MAX_STATUS_KEYS, 512) };
        break;
      case 'commit':
        msg = { kind, block: f.bytes('block'), commit: commitFromValue(f.raw('commit')), tip: f.uint('tip') };
        break;
      default:
        return f.fail('kind', `unknown message kind ${kind}`);
    }
    f.done();
    return msg;
  } catch (e) {
    throw new NodeError('NODE_BAD_MESSAGE', `malformed peer message: ${(e as Error).message}`);
  }
}

function proposalToValue(p: SignedProposal): Value {
  return {
    height: p.height,
    round: p.round,
    blockHash: p.blockHash,
    // CBOR uint fields only: −1 ("no valid round") travels as null.
    validRound: p.validRound < 0 ? null : p.validRound,
    proposer: p.proposer,
    signature: p.signature,
  };
}

function proposalFromValue(v: Value): SignedProposal {
  const f = new Fields('LEDGER_BAD_ENCODING', 'proposal', v);
  const p: SignedProposal = {
    height: f.uint('height'),
    round: f.uint('round'),
    blockHash: f.bytes('blockHash', 32),
    validRound: f.raw('validRound') === null ? -1 : f.uint('validRound'),
    proposer: f.bytes('proposer'),
    signature: f.bytes('signature'),
  };
  f.done();
  return p;
}
