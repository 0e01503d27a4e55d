import { DjError } from '@djchain/crypto';

/** Errors of the web app's own code (a file that is not a receipt, a missing config): coded like the rest. */
export class AppError extends DjError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'AppError';
  }
}
