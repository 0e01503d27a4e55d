/** The chain store's file in a node's data directory. */
export const DB_FILE = 'chain.db';
