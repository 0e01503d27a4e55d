/**
 * Explorer reads the SDK does not offer (block bodies and validator sets by height). These answers
 * are shown for browsing; anything exported is re-verified by the verify page.
 */
import { fromBase64 } from '@djchain/client';
import {
  type Block,
  type CommitCertificate,
  decodeBlock,
  decodeCommit,
  decodeValidatorSet,
  type ValidatorSet,
} from '@djchain/ledger';

async function getJson(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) {
    const err = (body.error ?? {}) as { code?: string; message?: string };
    throw Object.assign(new Error(err.message ?? res.statusText), { code: err.code ?? 'HTTP_ERROR' });
  }
  return body;
}

export async function getBlock(height: number): Promise<{ block: Block; commit: CommitCertificate }> {
  const o = await getJson(`/v1/blocks/${height}`);
  return {
    block: decodeBlock(fromBase64(String(o.block))),
    commit: decodeCommit(fromBase64(String(o.commit))),
  };
}

export async function getValidators(height?: number): Promise<ValidatorSet> {
  const o = await getJson(`/v1/validators${height === undefined ? '' : `?height=${height}`}`);
  return decodeValidatorSet(fromBase64(String(o.validatorSet)));
}

/** A row of the evidence module's `list` query (keys and bytes as hex). */
export interface EvidenceRow {
  readonly validator: string;
  readonly height: number;
  readonly round: number;
  readonly type: string;
  readonly committedAt: number;
  readonly submitter: string;
}
