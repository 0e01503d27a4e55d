/** `@djchain/state/sqlite`: the node:sqlite NodeStore (Node only). */
export { SqliteNodeStore, tuneDatabase } from './sqlite-store.ts';
