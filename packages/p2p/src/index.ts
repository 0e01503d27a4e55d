/**
 * @djchain/p2p: mutually authenticated, encrypted transport between organization nodes.
 * See README.md for the handshake and its security argument.
 */
export { Channel, type ChannelId, CONTROL_CHANNEL, isAppChannel } from './channels.ts';
export type { ConnectionStats } from './connection.ts';
export { isP2PError, P2PError, type P2PErrorCode } from './errors.ts';
export { FrameOpener, FrameReader, FrameSealer } from './frame.ts';
export { Handshake, type HandshakeConfig, type Session } from './handshake.ts';
export {
  type ErrorHandler,
  type MessageHandler,
  type P2PDeps,
  P2PNode,
  type P2PStats,
  type PeerHandler,
  type PeerStats,
} from './node.ts';
export {
  defaultP2POptions,
  type P2PInit,
  type P2POptions,
  type PeerAddress,
  resolveOptions,
} from './options.ts';
