/**
 * A hand-driven peer for misbehaviour tests: it completes a real handshake on a real socket, then
 * the test controls the bytes (oversized headers, never reading).
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { KeyPair, Suite } from '@djchain/crypto';
import { withLength } from '../src/frame.ts';
import { FrameOpener, FrameReader, FrameSealer, Handshake } from '../src/index.ts';

export interface RawSession {
  socket: Socket;
  sealer: FrameSealer;
  peerId: string;
}

export async function rawSession(
  port: number,
  suite: Suite,
  kp: KeyPair,
  chainId: string,
): Promise<RawSession> {
  const socket = connect({ host: '127.0.0.1', port });
  await once(socket, 'connect');
  const { handshake, hello } = Handshake.initiate({
    chainId,
    suite,
    secretKey: kp.secretKey,
    publicKey: kp.publicKey,
    isAllowed: () => true,
  });
  socket.write(withLength(hello));
  const reader = new FrameReader(1 << 20);
  return new Promise((resolve, reject) => {
    let opener: FrameOpener | undefined;
    let sealer: FrameSealer | undefined;
    let peerId = '';
    const onData = (chunk: Buffer): void => {
      reader.push(chunk);
      try {
        for (let body = reader.next(); body !== null; body = reader.next()) {
          if (opener === undefined) {
            const step = handshake.receive(body);
            if (step.send) socket.write(withLength(step.send));
            if (step.session) {
              opener = new FrameOpener(suite, step.session.recvKey);
              sealer = new FrameSealer(suite, step.session.sendKey);
              peerId = step.session.peerId;
            }
          } else {
            opener.open(body); // READY
            socket.off('data', onData);
            resolve({ socket, sealer: sealer!, peerId });
            return;
          }
        }
      } catch (e) {
        reject(e);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}
