import { DjError } from '@djchain/crypto';

/** Stable codes of the consensus package (misuse by a caller; the machine itself never throws on input). */
export type ConsensusErrorCode = 'CONSENSUS_BAD_VALIDATORS';

/** A caller passed the consensus package something it cannot use (e.g. an empty validator set). */
export class ConsensusError extends DjError<ConsensusErrorCode> {
  constructor(code: ConsensusErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, `${code}: ${message}`, details);
    this.name = 'ConsensusError';
  }
}
