import type { Store } from '../ports';
import { openDatabase } from './database';
import { SqliteDraftStore } from './sqlite-draft-store';
import { SqliteIncidentStore } from './sqlite-incident-store';
import { SqliteStateStore } from './sqlite-state-store';

/**
 * Opens the embedded store: one SQLite file, migrated on open.
 *
 * @param file - path of the database file
 * @returns the store; call `close()` when done
 */
export function openSqliteStore(file: string): Store {
  const db = openDatabase(file);
  return {
    state: new SqliteStateStore(db),
    drafts: new SqliteDraftStore(db),
    incidents: new SqliteIncidentStore(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
