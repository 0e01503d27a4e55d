/** The node's kv test module as an `extraModules` file for CLI tests. */
import { kvModule } from '../../node/test/test-module.ts';

export const modules = [kvModule];
