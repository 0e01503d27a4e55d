/**
 * `@djchain/node/light`: what a client-side `djchain` command needs from this package without
 * loading the node itself (consensus, storage, p2p, the HTTP server): the error tables, the genesis
 * file's JSON form, a durable file write, the chain store's file name, and the defaults a node
 * directory's config.json fills in (`djchain init` and the config checks load no node either). `djchain dues pay` starts
 * in about half the CPU of a start through `@djchain/node` (packages/cli/README.md).
 */
export { API_ERRORS, ApiError, type ApiErrorCode } from './api/errors.ts';
export { type GenesisJson, genesisFromJson, genesisToJson } from './app/genesis.ts';
export { isNodeError, NODE_ERROR_CODES, NodeError, type NodeErrorCode } from './errors.ts';
export { writeFileDurably } from './storage/durable-file.ts';
export { DB_FILE } from './storage/files.ts';
export { defaultRetentionOptions, type RetentionOptions } from './storage/pruner.ts';
