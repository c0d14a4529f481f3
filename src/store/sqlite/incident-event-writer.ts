import type { Statement } from 'better-sqlite3';
import type { IncidentEvent } from '../../domain/incident';
import type { NewIncidentEvent } from '../ports';
import type { SqliteDatabase } from './database';

/**
 * Appends events to an incident's timeline with the next sequence number. Call it inside a
 * transaction; the table's triggers refuse any change to an existing event.
 */
export class IncidentEventWriter {
  private readonly insert: Statement<[string, number, string, string, string, string]>;
  private readonly lastSeq: Statement<[string], { seq: number | null }>;

  /** @param db - an open, migrated database */
  constructor(db: SqliteDatabase) {
    this.insert = db.prepare('INSERT INTO incident_events (incident_id, seq, type, at, actor_id, body) VALUES (?, ?, ?, ?, ?, ?)');
    this.lastSeq = db.prepare('SELECT MAX(seq) AS seq FROM incident_events WHERE incident_id = ?');
  }

  /**
   * Appends one event.
   *
   * @param incidentId - the incident
   * @param event - the event without id and sequence number
   * @returns the stored event
   */
  append(incidentId: string, event: NewIncidentEvent): IncidentEvent {
    const seq = (this.lastSeq.get(incidentId)?.seq ?? 0) + 1;
    const { type, at, actorId, ...rest } = event;
    this.insert.run(incidentId, seq, type, at, actorId, JSON.stringify(rest));
    return { ...event, incidentId, seq };
  }
}
