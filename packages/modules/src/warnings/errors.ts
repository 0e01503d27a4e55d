/** Error registry of the warnings module (it has no actions: only its queries' parameter errors). */
import { baseErrors } from '../common/errors.ts';

export const WarningsErrors = {
  ...baseErrors('WARNINGS'),
} as const;
