import { placeholder } from '@djchain/crypto';
export const p2 = placeholder + 1;
