/**
 * Block sync (issue 3, "block sync for a node that fell behind, verifying commit certificates"):
 * a node behind announces its height in a status; a peer ahead answers with decided blocks and
 * their certificates, in batches aligned to `batch` heights so that the receiver asks for the next
 * batch exactly once (when it applied the batch's last height). Each certificate is verified
 * against the validator set in force at its height (from state: changes at h+2), then the block is
 * validated and executed like any proposal before it is committed.
 */
import { decodeBlock, encodeBlock, verifyCommit } from '@djchain/ledger';
import type { Application, Executed } from '../app/application.ts';
import type { WireMessage } from '../consensus/wire.ts';
import { NodeError } from '../errors.ts';

export type CommitMessage = Extract<WireMessage, { kind: 'commit' }>;

/** The last height of the batch that starts at `from`: the next multiple of `batch` at or above it. */
function batchEnd(from: number, batch: number): number {
  return Math.ceil(from / batch) * batch;
}

/** The encoding of one committed block, kept by the driver (the one a peer a height behind asks for). */
export interface EncodedBlock {
  readonly height: number;
  readonly bytes: Uint8Array;
}

/**
 * Decided blocks from `from` to the end of its batch (or the tip), each with its certificate.
 * `known`: a committed block's encoding already at hand (PERF: a peer one height behind asks for
 * the block just committed, which is then neither read back nor encoded again).
 */
export function blocksFrom(
  app: Application,
  from: number,
  batch: number,
  known?: EncodedBlock,
): CommitMessage[] {
  const tip = app.height();
  const out: CommitMessage[] = [];
  for (let h = Math.max(1, from); h <= Math.min(tip, batchEnd(Math.max(1, from), batch)); h++) {
    const commit = app.store.blocks.getCommit(h);
    if (known?.height === h && commit !== undefined) {
      out.push({ kind: 'commit', block: known.bytes, commit, tip });
      continue;
    }
    const block = app.store.blocks.getBlock(h);
    if (block === undefined || commit === undefined) break;
    out.push({ kind: 'commit', block: encodeBlock(block), commit, tip });
  }
  return out;
}

/** True when, after applying height `height`, the receiver should ask the sender for more. */
export function wantsMore(height: number, msg: CommitMessage, batch: number): boolean {
  return height < msg.tip && height % batch === 0;
}

/**
 * Checks a received decided block for the next height: its certificate (more than 2/3 of the power
 * of that height's validator set, every signature valid, for this very header) and then the block
 * itself, executed over our state (roots must match). NODE_BAD_BLOCK otherwise.
 */
export function verifyCertified(app: Application, msg: CommitMessage): Executed {
  const height = app.height() + 1;
  const block = decodeBlock(msg.block);
  if (block.header.height !== height || msg.commit.height !== height) {
    throw new NodeError('NODE_BAD_BLOCK', `expected a block for height ${height}`, { height });
  }
  // Through the memo: `app.commit` checks this certificate again right after, and the next block
  // carries it as its lastCommit.
  const check = verifyCommit(app.precommits.suite, app.validators(height), block.header, msg.commit);
  if (!check.ok && app.unsafe?.skipCertificateCheck !== true)
    throw new NodeError('NODE_BAD_BLOCK', `certificate: ${check.error.message}`, { height });
  return app.validate(block, { bytes: msg.block });
}
