/**
 * Equivocation evidence to chain: when the consensus machine reports two conflicting signed votes
 * (or proposals), this validator submits them as an `evidence.submit` (`submitProposal`) transaction signed with its own key (issue 3:
 * "the conflicting one is kept as evidence, committed on chain"). Only when the chain runs the
 * evidence module. Each pair is submitted once per process; the module stores it once on chain.
 */
import type { KeyPair } from '@djchain/crypto';
import {
  addressOf,
  encodeTx,
  signedProposalToValue,
  signedVoteToValue,
  signTx,
  validatorIndex,
} from '@djchain/ledger';
import { nextNonce } from '@djchain/runtime';
import type { Application } from '../app/application.ts';
import type { Log } from '../log.ts';
import type { Mempool } from '../mempool/mempool.ts';
import type { SignedEvidence } from './driver.ts';

/** Blocks an evidence transaction stays valid (it must fit in while the chain runs). */
const EVIDENCE_EXPIRY_BLOCKS = 1000;

export function evidenceSubmitter(
  deps: { app: Application; mempool: Mempool; key: KeyPair; log: Log },
  moduleName = 'evidence',
): (ev: SignedEvidence) => void {
  const { app, mempool, key, log } = deps;
  const address = addressOf(app.suite, key.publicKey);
  let lastNonce = -1;
  return (ev) => {
    const height = app.height();
    // Observers see the votes too, but only validators may submit (the module's rule).
    if (validatorIndex(app.validators(height + 1), key.publicKey) < 0) return;
    const nonce = Math.max(nextNonce(app.store.view(height), address), lastNonce + 1);
    const tx = signTx(app.suite, key.secretKey, {
      chainId: app.chainId,
      module: moduleName,
      ...(ev.kind === 'proposal'
        ? {
            action: 'submitProposal',
            params: { first: signedProposalToValue(ev.first), second: signedProposalToValue(ev.second) },
          }
        : {
            action: 'submit',
            params: { first: signedVoteToValue(ev.first), second: signedVoteToValue(ev.second) },
          }),
      signer: key.publicKey,
      nonce,
      expiry: height + EVIDENCE_EXPIRY_BLOCKS,
    });
    const [result] = mempool.addBatch([tx], [encodeTx(tx).length]);
    if (result?.ok) lastNonce = nonce;
    log.warn(
      {
        height: ev.first.height,
        round: ev.first.round,
        kind: ev.kind ?? 'vote',
        accepted: result?.ok ?? false,
      },
      'equivocation evidence submitted',
    );
  };
}
