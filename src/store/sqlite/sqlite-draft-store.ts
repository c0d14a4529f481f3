import type { Statement } from 'better-sqlite3';
import type { ReportDraft } from '../../domain/report-draft';
import { VersionConflictError, type DraftStore } from '../ports';
import type { SqliteDatabase } from './database';

interface Row {
  body: string;
}

/** Report drafts in `report_drafts`; the whole draft is a JSON body, searchable columns beside it. */
export class SqliteDraftStore implements DraftStore {
  private readonly byId: Statement<[string], Row>;
  private readonly openForUser: Statement<[string, string], Row>;
  private readonly insert: Statement<[string, string, number, string, string, string | null, string]>;
  private readonly update: Statement<[number, string, string, string | null, string, string, number]>;
  private readonly remove: Statement<[string]>;
  private readonly purge: Statement<[string]>;

  /** @param db - an open, migrated database */
  constructor(db: SqliteDatabase) {
    this.byId = db.prepare('SELECT body FROM report_drafts WHERE id = ?');
    this.openForUser = db.prepare(
      `SELECT body FROM report_drafts WHERE user_id = ? AND submitted_incident_id IS NULL AND expires_at > ?
       ORDER BY updated_at DESC LIMIT 1`,
    );
    this.insert = db.prepare(
      `INSERT INTO report_drafts (id, user_id, version, updated_at, expires_at, submitted_incident_id, body)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    );
    this.update = db.prepare(
      `UPDATE report_drafts SET version = ?, updated_at = ?, expires_at = ?, submitted_incident_id = ?, body = ?
       WHERE id = ? AND version = ?`,
    );
    this.remove = db.prepare('DELETE FROM report_drafts WHERE id = ? AND submitted_incident_id IS NULL');
    this.purge = db.prepare('DELETE FROM report_drafts WHERE submitted_incident_id IS NULL AND expires_at <= ?');
  }

  /** @inheritdoc */
  async findOpen(userId: string, now: Date): Promise<ReportDraft | undefined> {
    const row = this.openForUser.get(userId, now.toISOString());
    return row ? (JSON.parse(row.body) as ReportDraft) : undefined;
  }

  /** @inheritdoc */
  async get(id: string): Promise<ReportDraft | undefined> {
    const row = this.byId.get(id);
    return row ? (JSON.parse(row.body) as ReportDraft) : undefined;
  }

  /** @inheritdoc */
  async save(draft: ReportDraft): Promise<ReportDraft> {
    const saved: ReportDraft = { ...draft, version: draft.version + 1 };
    const body = JSON.stringify(saved);
    const submitted = saved.submittedIncidentId ?? null;
    const changes =
      draft.version === 0
        ? this.insert.run(saved.id, saved.userId, saved.version, saved.updatedAt, saved.expiresAt, submitted, body).changes
        : this.update.run(saved.version, saved.updatedAt, saved.expiresAt, submitted, body, saved.id, draft.version).changes;
    if (changes === 0) throw new VersionConflictError('draft', draft.id);
    return saved;
  }

  /** @inheritdoc */
  async discard(id: string): Promise<void> {
    this.remove.run(id);
  }

  /** @inheritdoc */
  async purgeExpired(now: Date): Promise<number> {
    return this.purge.run(now.toISOString()).changes;
  }
}
