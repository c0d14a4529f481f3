import type { Statement } from 'better-sqlite3';
import type { CaseTimer } from '../../domain/case-timers';
import { LeaseLostError, type TimerStore } from '../ports';
import type { SqliteDatabase } from './database';

/** The case_timers table: one row per timer; fired and cancelled timers stay as `done` / `cancelled`. */
export class SqliteTimerStore implements TimerStore {
  private readonly due: Statement<[string, string, number], { id: string }>;
  private readonly take: Statement<[string, string, string, string, string], { body: string }>;
  private readonly done: Statement<[string, string]>;
  private readonly pendingOf: Statement<[string], { body: string }>;
  private readonly insert: Statement<[string, string, string, string, string]>;
  private readonly reschedule: Statement<[string, string, string]>;
  private readonly cancel: Statement<[string]>;

  /** @param db - an open, migrated database */
  constructor(private readonly db: SqliteDatabase) {
    this.due = db.prepare(
      `SELECT id FROM case_timers WHERE status = 'pending' AND due_at <= ?
         AND (lease_until IS NULL OR lease_until <= ?) ORDER BY due_at LIMIT ?`,
    );
    this.take = db.prepare(
      `UPDATE case_timers SET lease_owner = ?, lease_until = ?
       WHERE id = ? AND status = 'pending' AND (lease_until IS NULL OR lease_until <= ?) AND due_at <= ? RETURNING body`,
    );
    this.done = db.prepare(
      `UPDATE case_timers SET status = 'done', lease_owner = NULL, lease_until = NULL
       WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
    );
    // Without INDEXED BY, SQLite picks case_timers_due (status) for the ORDER BY and reads every
    // pending timer of every case: plan() then grows with the number of open cases.
    this.pendingOf = db.prepare(
      `SELECT body FROM case_timers INDEXED BY case_timers_by_incident WHERE incident_id = ? AND status = 'pending' ORDER BY due_at`,
    );
    this.insert = db.prepare(
      `INSERT INTO case_timers (id, incident_id, district_id, status, due_at, body) VALUES (?, ?, ?, 'pending', ?, ?)
       ON CONFLICT(id) DO NOTHING`,
    );
    // A cancelled timer planned again (a reopened case) is armed again; a fired one stays done.
    this.reschedule = db.prepare(`UPDATE case_timers SET status = 'pending', due_at = ?, body = ? WHERE id = ? AND status != 'done'`);
    this.cancel = db.prepare(`UPDATE case_timers SET status = 'cancelled', lease_owner = NULL, lease_until = NULL WHERE id = ?`);
  }

  /**
   * Makes the case's pending timers the planned set (call inside a transaction): pending timers
   * not planned are cancelled, planned ones added or moved; timers that fired stay fired.
   *
   * @param incidentId - the case
   * @param timers - the timers it should have
   */
  plan(incidentId: string, timers: readonly CaseTimer[]): void {
    const wanted = new Set(timers.map((t) => t.id));
    for (const { body } of this.pendingOf.all(incidentId)) {
      const t = JSON.parse(body) as CaseTimer;
      if (!wanted.has(t.id)) this.cancel.run(t.id);
    }
    for (const t of timers) {
      const body = JSON.stringify(t);
      // A new timer is written once; one planned before is moved (or armed again).
      if (this.insert.run(t.id, t.incidentId, t.districtId, t.dueAt, body).changes === 0) this.reschedule.run(t.dueAt, body, t.id);
    }
  }

  /**
   * Marks a fired timer done (call inside the transaction of its change).
   *
   * @throws {@link LeaseLostError} when `owner` no longer holds it
   */
  markFired(id: string, owner: string): void {
    if (this.done.run(id, owner).changes === 0) throw new LeaseLostError(id);
  }

  /** @inheritdoc */
  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<CaseTimer[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const tx = this.db.transaction((): CaseTimer[] =>
      this.due
        .all(at, at, limit)
        .flatMap(({ id }) => this.take.all(owner, until, id, at, at))
        .map((r) => JSON.parse(r.body) as CaseTimer),
    );
    return tx.immediate();
  }

  /** @inheritdoc */
  async finish(id: string, owner: string): Promise<boolean> {
    return this.done.run(id, owner).changes > 0;
  }

  /** @inheritdoc */
  async pending(incidentId: string): Promise<CaseTimer[]> {
    return this.pendingOf.all(incidentId).map((r) => JSON.parse(r.body) as CaseTimer);
  }
}
