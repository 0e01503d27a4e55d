/** `@djchain/ledger/sqlite`: the node:sqlite block store (Node only). */
export { SqliteBlockStore } from './block-store.ts';
