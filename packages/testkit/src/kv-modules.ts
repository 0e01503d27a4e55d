/** The kv test module as an `extraModules` file (config.json) for `djchain start`: see kv.ts. */
import { kvModule } from './kv.ts';

export const modules = [kvModule];
