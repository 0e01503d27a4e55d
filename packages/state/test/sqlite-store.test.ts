import { DatabaseSync } from 'node:sqlite';
import { SqliteNodeStore } from '../src/sqlite-store.ts';
import { storeConformance } from './conformance.ts';

storeConformance('sqlite', {
  fresh: () => {
    const db = new DatabaseSync(':memory:');
    return { store: new SqliteNodeStore({ db }), close: () => db.close() };
  },
});
