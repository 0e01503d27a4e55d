/**
 * How the app reads a transaction's answer as a coded view (pure: no React, so unit-tested in Node,
 * test/refusal.test.ts): the node's admission answer, then the verified receipt.
 */
export interface CodedView {
  readonly code: string;
  readonly message: string;
  readonly cite?: string;
  readonly details?: unknown;
}

/** The coded view of a failed receipt's error: its code, message, cited rule where given, and details. */
export function refusalOf(e: {
  readonly code: string;
  readonly message: string;
  readonly cite?: string;
  readonly details?: unknown;
}): CodedView {
  return { code: e.code, message: e.message, ...(e.cite ? { cite: e.cite } : {}), details: e.details };
}

/**
 * What a verified receipt refuses: null when the act is recorded; else its error's coded view, or
 * TX_FAILED with `message` when the failed receipt carries none (never taken for a success).
 */
export function receiptRefusal(
  r: { readonly receipt: { readonly status: string; readonly error?: Parameters<typeof refusalOf>[0] } },
  message: string,
): CodedView | null {
  if (r.receipt.status !== 'failed') return null;
  return r.receipt.error ? refusalOf(r.receipt.error) : { code: 'TX_FAILED', message };
}

/** What the node's admission refuses of one submitted transaction (its answer, or none): null when admitted. */
export function admissionRefusal(
  a:
    | { readonly accepted: true }
    | { readonly accepted: false; readonly error: Parameters<typeof refusalOf>[0] }
    | undefined,
): CodedView | null {
  if (a?.accepted) return null;
  return a ? refusalOf(a.error) : { code: 'TX_REJECTED', message: '' };
}
