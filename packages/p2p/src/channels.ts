/**
 * Channel ids: one byte in every frame says which subsystem a message is for. The node encodes its
 * own messages; p2p only routes bytes. 255 is reserved for the transport's control messages.
 */
export const Channel = {
  consensus: 0,
  mempool: 1,
  blocksync: 2,
  snapshot: 3,
  /** Attachment content between the nodes entitled to keep it (the node's attachment-wire.ts). */
  attachment: 4,
} as const;

export type ChannelId = number;

/** The control channel (READY, CLOSE); never delivered to the application. */
export const CONTROL_CHANNEL = 255;

/** True when `c` is an application channel id (an integer 0..254). */
export function isAppChannel(c: number): boolean {
  return Number.isInteger(c) && c >= 0 && c < CONTROL_CHANNEL;
}
