import { DjError } from '../errors.ts';

/** Stable codes for every way canonical encoding or decoding can fail. */
export type EncodingErrorCode =
  | 'ENCODING_TRUNCATED'
  | 'ENCODING_TRAILING_BYTES'
  | 'ENCODING_NON_CANONICAL'
  | 'ENCODING_DUPLICATE_KEY'
  | 'ENCODING_DEPTH'
  | 'ENCODING_UNSUPPORTED'
  | 'ENCODING_INVALID_UTF8'
  | 'ENCODING_MAP_KEY'
  | 'ENCODING_INT_RANGE';

/** Thrown by `encode` for values outside the model and by `decode` for malformed or non-canonical bytes. */
export class EncodingError extends DjError<EncodingErrorCode> {
  /** Byte offset where decoding failed, or -1 when encoding. */
  readonly offset: number;
  constructor(code: EncodingErrorCode, message: string, offset = -1) {
    super(code, offset >= 0 ? `${message} (at byte ${offset})` : message, offset >= 0 ? { offset } : {});
    this.name = 'EncodingError';
    this.offset = offset;
  }
}

/** Deepest array/map nesting accepted (the top-level container is depth 1). */
export const MAX_DEPTH = 64;
