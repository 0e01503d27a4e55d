/**
 * The module the throughput benchmarks load: the node's kv test module (`kv.put` writes one value
 * and emits one event, so the runtime also writes one history head). Loaded by `djchain start`
 * through config.json `extraModules`.
 */
import { kvModule } from '../packages/node/test/test-module.ts';

export const modules = [kvModule];
