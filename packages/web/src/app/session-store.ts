/**
 * The session kept for this tab (sessionStorage: gone when the tab closes, never shared with other
 * tabs): who signed in, the post, whom a clerk acts for, the read session's token and the keystore
 * file as it was chosen — still encrypted. The decrypted key is never stored: after a reload it is
 * opened again with the passphrase, only when something is to be signed.
 */
import type { ReadSession } from '@djchain/client';
import type { PostInfo } from './chain.ts';

const KEY = 'djchain.session';

export interface StoredSession {
  /** The keystore file (encrypted JSON), to open again with the passphrase when signing. */
  readonly keystore: string;
  readonly address: string;
  readonly label?: string;
  readonly memberId: string;
  readonly posts: readonly PostInfo[];
  /** The post acted in (null: acting as oneself, e.g. an applicant or a member). */
  readonly post: PostInfo | null;
  /** A clerk (党务工作者) acting for this member: its id and key address. */
  readonly onBehalfOf: { readonly member: string; readonly address: string } | null;
  readonly read: ReadSession;
}

export function saveSession(s: StoredSession | null): void {
  try {
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage full or disabled: the session lasts until the next reload.
  }
}

/** The kept session, unless missing, malformed or (its read token) expired within a minute. */
export function loadSession(now = Date.now()): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession;
    if (typeof s.keystore !== 'string' || typeof s.memberId !== 'string' || !s.read?.token) return null;
    if (typeof s.read.expiresAt !== 'number' || s.read.expiresAt < now + 60_000) return null;
    return s;
  } catch {
    return null;
  }
}
