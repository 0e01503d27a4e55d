/** Errors of the demo: a stable UPPER_SNAKE code, a message, optional details. */
export class DemoError extends Error {
  readonly code: string;
  readonly details: { readonly [key: string]: unknown } | undefined;
  constructor(code: string, message: string, details?: { readonly [key: string]: unknown }) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
