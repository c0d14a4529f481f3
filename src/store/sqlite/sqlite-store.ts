import type { Store } from '../ports';
import { openDatabase } from './database';
import { IncidentEventWriter } from './incident-event-writer';
import { SqliteConversationStore } from './sqlite-conversation-store';
import { SqliteDraftStore } from './sqlite-draft-store';
import { SqliteOutboxStore } from './sqlite-outbox-store';
import { SqliteSendSlotStore } from './sqlite-send-slot-store';
import { SqliteIncidentStore } from './sqlite-incident-store';
import { SqliteStateStore } from './sqlite-state-store';
import { SqliteTimerStore } from './sqlite-timer-store';
import { SqliteSummaryStore } from './sqlite-summary-store';
import { SummaryWriter } from './summary-writer';

/**
 * Opens the embedded store: one SQLite file, migrated on open.
 *
 * @param file - path of the database file
 * @returns the store; call `close()` when done
 */
export function openSqliteStore(file: string): Store {
  const db = openDatabase(file);
  const events = new IncidentEventWriter(db);
  const outbox = new SqliteOutboxStore(db, events);
  const timers = new SqliteTimerStore(db);
  return {
    state: new SqliteStateStore(db),
    drafts: new SqliteDraftStore(db),
    incidents: new SqliteIncidentStore(db, events, outbox, timers, new SummaryWriter(db)),
    timers,
    summaries: new SqliteSummaryStore(db),
    conversations: new SqliteConversationStore(db),
    outbox,
    sendSlots: new SqliteSendSlotStore(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
