/**
 * Who may read an attachment (its record and its content, the same check): the operator; anyone
 * for a `public` one; post holders of its organization or above (and the community committee), as
 * for every record of theirs; otherwise the signed-in member the chain's rule names
 * (`attachment.entitled`, @djchain/modules src/attachment/readers.ts: Party members of the
 * community, of the organization and those below it, or the members named). Refusals: 404
 * ATTACHMENT_NOT_FOUND when nothing is registered under the hash, 401 AUTH_REQUIRED (anonymous),
 * 403 READ_FORBIDDEN (details `what: attachment:<hash>`).
 */
import { canReadOrg, refuse, type Scope, type StateReader } from './access.ts';
import { ApiError } from './errors.ts';

/** The on-chain record (query `attachment.attachment`). */
export interface AttachmentView {
  readonly hash: string;
  readonly size: number;
  readonly mediaType: string;
  readonly org: string;
  readonly scope: 'public' | 'community' | 'org' | 'members';
  readonly members: readonly string[];
}

const HASH = /^[0-9a-f]{64}$/;

export function attachmentRecord(state: StateReader, hash: string): AttachmentView | null {
  if (!HASH.test(hash)) return null;
  const r = state.query('attachment', 'attachment', { hash }) as AttachmentView | null;
  return r !== null && typeof r === 'object' && r.hash === hash ? r : null;
}

/** The record when `scope` may read the attachment; throws the coded refusal otherwise. */
export function requireAttachment(scope: Scope, state: StateReader, hash: string): AttachmentView {
  const rec = attachmentRecord(state, hash);
  if (rec === null) throw new ApiError('ATTACHMENT_NOT_FOUND', undefined, { hash });
  if (scope.all || rec.scope === 'public' || canReadOrg(scope, rec.org)) return rec;
  if (scope.member !== null) {
    const e = state.query('attachment', 'entitled', { hash, member: scope.member }) as {
      member?: unknown;
    } | null;
    if (e?.member === true) return rec;
  }
  return refuse(scope, `attachment:${hash}`);
}
