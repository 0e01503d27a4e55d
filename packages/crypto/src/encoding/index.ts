export { arrayItemEncodings, decode } from './decode.ts';
export { encode } from './encode.ts';
export { EncodingError, type EncodingErrorCode, MAX_DEPTH } from './errors.ts';
