import { DjError } from '@djchain/crypto';

/** Errors of the simulator itself (not of the node it runs): a stable code and a message. */
export class SimError extends DjError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, `${code}: ${message}`, details);
    this.name = 'SimError';
  }
}
