/** Turning what module code returned or threw into a receipt's coded error. */
import { encode } from '@djchain/crypto';
import { RuntimeError, runtimeError } from './errors.ts';
import type { CodedError } from './types.ts';

/**
 * A module's coded error as it goes on chain: code and message must be strings; cite and details
 * are kept when they encode. A malformed error is itself reported as RUNTIME_MODULE_FAILED.
 */
export function cleanError(e: CodedError, where: string): CodedError {
  if (typeof e?.code !== 'string' || e.code.length === 0 || typeof e.message !== 'string') {
    return runtimeError('RUNTIME_MODULE_FAILED', `${where} returned a malformed error`);
  }
  const out: { code: string; message: string; cite?: string; details?: CodedError['details'] } = {
    code: e.code.slice(0, 128),
    message: e.message.slice(0, 1024),
  };
  if (typeof e.cite === 'string') out.cite = e.cite.slice(0, 512);
  if (e.details !== undefined) {
    try {
      encode(e.details);
      out.details = e.details;
    } catch {
      // Details are for display; an unencodable value is dropped rather than failing the block.
    }
  }
  return out;
}

/**
 * A throw from module code. The runtime's own errors keep their code; anything else is a module
 * bug, reported with a fixed message: engine messages may differ between Node versions and would
 * make receipts nondeterministic.
 */
export function thrownError(e: unknown, where: string): CodedError {
  if (e instanceof RuntimeError) return e.toCoded();
  return runtimeError('RUNTIME_MODULE_FAILED', `${where} threw`);
}
