/** Errors the node raises to its callers: a stable UPPER_SNAKE code, a message, optional details. */
export class NodeError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'NodeError';
    this.code = code;
    this.details = details;
  }
}

export function isNodeError(e: unknown, code?: string): e is NodeError {
  return e instanceof NodeError && (code === undefined || e.code === code);
}
