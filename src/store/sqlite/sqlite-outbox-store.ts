import type { Statement } from 'better-sqlite3';
import { cardUpdateOf, followsCase, type Notification } from '../../domain/notification';
import type { NewIncidentEvent, OutboxStats, OutboxStore } from '../ports';
import type { SqliteDatabase } from './database';
import type { IncidentEventWriter } from './incident-event-writer';

/** The outbox table: one row per notification, claimed with a lease. */
export class SqliteOutboxStore implements OutboxStore {
  private readonly due: Statement<[string, string, number], { id: string }>;
  private readonly take: Statement<[string, string, string, string, string], { body: string }>;
  private readonly put: Statement<[string, string, string, string, string]>;
  private readonly insert: Statement<[string, string, string, string, string]>;
  private readonly byIncident: Statement<[string], { body: string }>;
  private readonly counts: Statement<[], { pending: number; dead: number; oldest: string | null }>;
  private readonly requeue: Statement<[string, string, string, string]>;

  /**
   * @param db - an open, migrated database
   * @param events - writes timeline events in the caller's transaction
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: IncidentEventWriter,
  ) {
    this.due = db.prepare(
      `SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
         AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at LIMIT ?`,
    );
    this.take = db.prepare(
      `UPDATE outbox SET lease_owner = ?, lease_until = ?
       WHERE id = ? AND status = 'pending' AND (lease_until IS NULL OR lease_until <= ?) AND next_attempt_at <= ?
       RETURNING body`,
    );
    this.put = db.prepare(
      `UPDATE outbox SET status = ?, next_attempt_at = ?, body = ?, lease_owner = NULL, lease_until = NULL
       WHERE id = ? AND lease_owner = ?`,
    );
    this.insert = db.prepare(
      'INSERT INTO outbox (id, incident_id, status, next_attempt_at, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
    );
    // A card update written again while it is being sent loses its lease: the send in flight
    // cannot settle it as sent, so the newest state is sent after it.
    this.requeue = db.prepare(
      `INSERT INTO outbox (id, incident_id, status, next_attempt_at, body) VALUES (?, ?, 'pending', ?, ?)
       ON CONFLICT(id) DO UPDATE SET status = 'pending', next_attempt_at = excluded.next_attempt_at,
         body = excluded.body, lease_owner = NULL, lease_until = NULL`,
    );
    this.byIncident = db.prepare('SELECT body FROM outbox WHERE incident_id = ? ORDER BY id');
    this.counts = db.prepare(
      `SELECT SUM(status = 'pending') AS pending, SUM(status = 'dead') AS dead,
              MIN(CASE WHEN status = 'pending' THEN json_extract(body, '$.createdAt') END) AS oldest FROM outbox`,
    );
  }

  /** Inserts notifications (within the caller's transaction when there is one). */
  insertAll(notifications: readonly Notification[]): void {
    for (const n of notifications) this.insert.run(n.id, n.incidentId, n.status, n.nextAttemptAt, JSON.stringify(n));
  }

  /**
   * Queues an in-place update of every card already sent about the incident that follows the
   * case (call inside the transaction of the change).
   *
   * @param incidentId - the incident that changed
   * @param now - the time of the change
   */
  queueCardUpdates(incidentId: string, now: Date): void {
    for (const { body } of this.byIncident.all(incidentId)) {
      const n = JSON.parse(body) as Notification;
      if (!followsCase(n)) continue;
      const update = cardUpdateOf(n, now);
      this.requeue.run(update.id, update.incidentId, update.nextAttemptAt, JSON.stringify(update));
    }
  }

  /** @inheritdoc */
  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<Notification[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const tx = this.db.transaction((): Notification[] =>
      this.due
        .all(at, at, limit)
        .flatMap(({ id }) => this.take.all(owner, until, id, at, at))
        .map((r) => JSON.parse(r.body) as Notification),
    );
    return tx.immediate();
  }

  /** @inheritdoc */
  async settle(notification: Notification, owner: string, event?: NewIncidentEvent): Promise<boolean> {
    const tx = this.db.transaction((): boolean => {
      const n = notification;
      const changed = this.put.run(n.status, n.nextAttemptAt, JSON.stringify(n), n.id, owner).changes;
      if (changed === 0) return false;
      if (event) this.events.append(n.incidentId, event);
      return true;
    });
    return tx.immediate();
  }

  /** @inheritdoc */
  async add(notification: Notification): Promise<void> {
    this.insertAll([notification]);
  }

  /** @inheritdoc */
  async forIncident(incidentId: string): Promise<Notification[]> {
    return this.byIncident.all(incidentId).map((r) => JSON.parse(r.body) as Notification);
  }

  /** @inheritdoc */
  async stats(): Promise<OutboxStats> {
    const row = this.counts.get()!;
    return { pending: row.pending ?? 0, dead: row.dead ?? 0, oldestPendingAt: row.oldest ?? undefined };
  }
}
