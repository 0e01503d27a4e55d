/**
 * The node's `Transport` over @djchain/p2p: WireMessages as canonical CBOR on the consensus channel
 * (proposals, votes, status) and the blocksync channel (decided blocks with certificates). The peer
 * id is the peer's authenticated identity key (hex), the same key the node registry holds.
 */
import { Channel, type P2PNode } from '@djchain/p2p';
import type { Transport, WireMessage } from '../consensus/wire.ts';
import { NodeError } from '../errors.ts';
import type { Log } from '../log.ts';
import { silentLog } from '../log.ts';
import { decodeWire, encodeWire } from './codec.ts';

function channelOf(msg: WireMessage): number {
  return msg.kind === 'commit' ? Channel.blocksync : Channel.consensus;
}

export class P2PTransport implements Transport {
  readonly p2p: P2PNode;
  private readonly log: Log;
  private refused = 0;

  constructor(p2p: P2PNode, log: Log = silentLog) {
    this.p2p = p2p;
    this.log = log;
  }

  broadcast(msg: WireMessage): void {
    this.p2p.broadcast(channelOf(msg), encodeWire(msg));
  }

  send(peer: string, msg: WireMessage): void {
    this.p2p.send(peer, channelOf(msg), encodeWire(msg));
  }

  onMessage(handler: (msg: WireMessage, from: string) => void): void {
    this.p2p.onMessage((peerId, channel, payload) => {
      if (channel !== Channel.consensus && channel !== Channel.blocksync) return;
      let msg: WireMessage;
      try {
        msg = decodeWire(payload);
        if (channelOf(msg) !== channel)
          throw new NodeError('NODE_BAD_MESSAGE', 'message on the wrong channel');
      } catch (e) {
        // Counted and logged, never fatal: one bad peer must not stop the node.
        this.refused++;
        this.log.warn(
          { peer: peerId.slice(0, 16), code: 'NODE_BAD_MESSAGE', error: String(e) },
          'peer message refused',
        );
        return;
      }
      handler(msg, peerId);
    });
  }

  onPeer(handler: (peer: string) => void): void {
    this.p2p.onPeer((peerId, up) => {
      if (up) handler(peerId);
    });
  }

  /** Messages refused as malformed so far. */
  refusedCount(): number {
    return this.refused;
  }

  /** Binds admission to the registry: unknown peers are refused, removed ones dropped at once. */
  setAllowedPeers(ids: readonly string[]): void {
    this.p2p.setAllowedPeers(ids);
  }
}
