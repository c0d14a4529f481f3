/**
 * Versioned schema migrations of the embedded store, applied in order at start-up.
 * Append new migrations; never edit one that has shipped.
 */
import type { SqliteDatabase } from './database';
import { backfillSummaries } from './summary-writer';

/** One step of the schema. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work in code after the SQL, in the same transaction (e.g. filling a new table from old rows). */
  run?: (db: SqliteDatabase) => void;
}

/** All migrations, in version order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'bot-state',
    sql: `
      CREATE TABLE bot_state (
        key        TEXT PRIMARY KEY,
        version    INTEGER NOT NULL,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'drafts-and-incidents',
    sql: `
      CREATE TABLE report_drafts (
        id                    TEXT PRIMARY KEY,
        user_id               TEXT NOT NULL,
        version               INTEGER NOT NULL,
        updated_at            TEXT NOT NULL,
        expires_at            TEXT NOT NULL,
        submitted_incident_id TEXT,
        body                  TEXT NOT NULL
      );
      CREATE INDEX report_drafts_by_user ON report_drafts (user_id, updated_at);
      CREATE INDEX report_drafts_by_expiry ON report_drafts (expires_at) WHERE submitted_incident_id IS NULL;

      CREATE TABLE case_counters (
        year INTEGER PRIMARY KEY,
        last INTEGER NOT NULL
      );

      CREATE TABLE incidents (
        id           TEXT PRIMARY KEY,
        case_number  TEXT NOT NULL UNIQUE,
        district_id  TEXT NOT NULL,
        unit_id      TEXT NOT NULL,
        reporter_id  TEXT NOT NULL,
        reported_at  TEXT NOT NULL,
        status       TEXT NOT NULL,
        version      INTEGER NOT NULL,
        body         TEXT NOT NULL
      );
      CREATE INDEX incidents_by_reporter ON incidents (reporter_id, reported_at);
      CREATE INDEX incidents_by_district ON incidents (district_id, reported_at);

      CREATE TABLE incident_events (
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        seq         INTEGER NOT NULL,
        type        TEXT NOT NULL,
        at          TEXT NOT NULL,
        actor_id    TEXT NOT NULL,
        body        TEXT NOT NULL,
        PRIMARY KEY (incident_id, seq)
      );
      CREATE TRIGGER incident_events_are_append_only_u BEFORE UPDATE ON incident_events
        BEGIN SELECT RAISE(ABORT, 'incident events are append-only'); END;
      CREATE TRIGGER incident_events_are_append_only_d BEFORE DELETE ON incident_events
        BEGIN SELECT RAISE(ABORT, 'incident events are append-only'); END;
    `,
  },
  {
    version: 3,
    name: 'incident-events-no-replace',
    // INSERT OR REPLACE deletes the old row without firing DELETE triggers: refuse any insert
    // that would take the place of an existing event.
    sql: `
      CREATE TRIGGER incident_events_are_append_only_i BEFORE INSERT ON incident_events
        WHEN EXISTS (SELECT 1 FROM incident_events WHERE incident_id = NEW.incident_id AND seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'incident events are append-only'); END;
    `,
  },
  {
    version: 4,
    name: 'outbox-and-conversations',
    sql: `
      CREATE TABLE conversation_refs (
        key        TEXT PRIMARY KEY,
        reference  TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE channel_links (
        district_id TEXT PRIMARY KEY,
        channel_key TEXT NOT NULL,
        linked_by   TEXT NOT NULL,
        linked_at   TEXT NOT NULL
      );

      CREATE TABLE outbox (
        id              TEXT PRIMARY KEY,
        incident_id     TEXT NOT NULL REFERENCES incidents (id),
        status          TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        lease_owner     TEXT,
        lease_until     TEXT,
        body            TEXT NOT NULL
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
      CREATE INDEX outbox_by_incident ON outbox (incident_id);
    `,
  },
  {
    version: 5,
    name: 'case-timers',
    sql: `
      CREATE TABLE case_timers (
        id          TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        district_id TEXT NOT NULL,
        status      TEXT NOT NULL,
        due_at      TEXT NOT NULL,
        lease_owner TEXT,
        lease_until TEXT,
        body        TEXT NOT NULL
      );
      CREATE INDEX case_timers_due ON case_timers (status, due_at);
      CREATE INDEX case_timers_by_incident ON case_timers (incident_id, status);
    `,
  },
  {
    version: 6,
    name: 'lagesbild-summaries-and-counters',
    // One summary per incident (codes, instants, flags: what lists and exports read), and the
    // lägesbild's counter documents per district and per unit: a Swedish report day or month, or
    // the open cases (grain 'open', bucket '-'). Both are kept in the transaction of every submit
    // and change; the backfill fills them from the incidents stored so far.
    sql: `
      CREATE TABLE case_summaries (
        incident_id   TEXT PRIMARY KEY REFERENCES incidents (id),
        case_number   TEXT NOT NULL UNIQUE,
        district_id   TEXT NOT NULL,
        unit_id       TEXT NOT NULL,
        reported_at   TEXT NOT NULL,
        open          INTEGER NOT NULL,
        sort_deadline TEXT NOT NULL,
        body          TEXT NOT NULL
      );
      CREATE INDEX case_summaries_by_district ON case_summaries (district_id, reported_at);
      CREATE INDEX case_summaries_by_unit ON case_summaries (unit_id, reported_at);
      CREATE INDEX case_summaries_open_by_district ON case_summaries (district_id, sort_deadline) WHERE open = 1;
      CREATE INDEX case_summaries_open_by_unit ON case_summaries (unit_id, sort_deadline) WHERE open = 1;

      CREATE TABLE lagesbild_counters (
        district_id TEXT NOT NULL,
        scope_key   TEXT NOT NULL,
        grain       TEXT NOT NULL,
        bucket      TEXT NOT NULL,
        body        TEXT NOT NULL,
        PRIMARY KEY (district_id, scope_key, grain, bucket)
      ) WITHOUT ROWID;
    `,
    run: backfillSummaries,
  },
  {
    version: 7,
    name: 'outbox-lanes',
    // The conversation each notification goes to (its lane), so that claims take turns between
    // conversations: a backlog for one conversation does not hold back the others.
    sql: `
      ALTER TABLE outbox ADD COLUMN lane TEXT NOT NULL DEFAULT '';
      UPDATE outbox SET lane = COALESCE('user:' || json_extract(body, '$.target.personId'),
                                        'district:' || json_extract(body, '$.target.districtId'), '');
      CREATE INDEX outbox_lanes ON outbox (status, lane, next_attempt_at, lease_until, id);
    `,
  },
  {
    version: 8,
    name: 'send-slots',
    // Send slots booked by every process on this file (Teams' rate limits are shared). Each booking
    // is one row per scope: 'c:<conversation>' and 't:<tenant>'; times are ms since the epoch.
    sql: `
      CREATE TABLE send_slots (
        id    INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        at    REAL NOT NULL
      );
      CREATE INDEX send_slots_by_scope ON send_slots (scope, at);
      CREATE INDEX send_slots_by_time ON send_slots (at);
    `,
  },
];
