import type { Statement } from 'better-sqlite3';
import { cardUpdateOf, followsCase, type Notification } from '../../domain/notification';
import type { NewIncidentEvent, OutboxStats, OutboxStore } from '../ports';
import type { SqliteDatabase } from './database';
import type { IncidentEventWriter } from './incident-event-writer';

/** The outbox table: one row per notification, claimed with a lease. */
export class SqliteOutboxStore implements OutboxStore {
  private readonly lanes: Statement<[], { lane: string }>;
  private readonly dueInLane: Statement<[string, string, string, number], { id: string; next_attempt_at: string }>;
  private readonly take: Statement<[string, string, string, string, string], { body: string }>;
  private readonly put: Statement<[string, string, string, string, string]>;
  private readonly insert: Statement<[string, string, string, string, string, string]>;
  private readonly byIncident: Statement<[string], { body: string }>;
  private readonly sentCards: Statement<[string], { body: string }>;
  private readonly counts: Statement<[], { pending: number; dead: number; oldest: string | null }>;
  private readonly requeue: Statement<[string, string, string, string, string]>;

  /**
   * @param db - an open, migrated database
   * @param events - writes timeline events in the caller's transaction
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: IncidentEventWriter,
  ) {
    // Fair claims: the conversations (lanes) with pending work are found by index seeks, and each
    // gives its oldest due notifications in turn — a backlog for one conversation does not hold back
    // the others, and a claim costs a few seeks per conversation, not a scan of the backlog.
    this.lanes = db.prepare(
      `WITH RECURSIVE lanes(lane) AS (
         SELECT MIN(lane) FROM outbox WHERE status = 'pending'
         UNION ALL
         SELECT (SELECT MIN(lane) FROM outbox WHERE status = 'pending' AND lane > lanes.lane) FROM lanes WHERE lanes.lane IS NOT NULL
       ) SELECT lane FROM lanes WHERE lane IS NOT NULL`,
    );
    this.dueInLane = db.prepare(
      `SELECT id, next_attempt_at FROM outbox WHERE status = 'pending' AND lane = ? AND next_attempt_at <= ?
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
      'INSERT INTO outbox (id, incident_id, status, next_attempt_at, body, lane) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
    );
    // A card update written again while it is being sent loses its lease: the send in flight
    // cannot settle it as sent, so the newest state is sent after it.
    this.requeue = db.prepare(
      `INSERT INTO outbox (id, incident_id, status, next_attempt_at, body, lane) VALUES (?, ?, 'pending', ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET status = 'pending', next_attempt_at = excluded.next_attempt_at,
         body = excluded.body, lease_owner = NULL, lease_until = NULL`,
    );
    this.byIncident = db.prepare('SELECT body FROM outbox WHERE incident_id = ? ORDER BY id');
    // Card updates are never followed themselves: leave them unparsed (an incident gathers many).
    this.sentCards = db.prepare(
      `SELECT body FROM outbox INDEXED BY outbox_by_incident
       WHERE incident_id = ? AND status = 'sent' AND id NOT LIKE '%:update' ORDER BY id`,
    );
    this.counts = db.prepare(
      `SELECT SUM(status = 'pending') AS pending, SUM(status = 'dead') AS dead,
              MIN(CASE WHEN status = 'pending' THEN json_extract(body, '$.createdAt') END) AS oldest FROM outbox`,
    );
  }

  /** Inserts notifications (within the caller's transaction when there is one). */
  insertAll(notifications: readonly Notification[]): void {
    for (const n of notifications) this.insert.run(n.id, n.incidentId, n.status, n.nextAttemptAt, JSON.stringify(n), laneOf(n));
  }

  /**
   * Queues an in-place update of every card already sent about the incident that follows the
   * case (call inside the transaction of the change).
   *
   * @param incidentId - the incident that changed
   * @param now - the time of the change
   * @param keepCard - the activity id of a personal card not to update (the one clicked)
   */
  queueCardUpdates(incidentId: string, now: Date, keepCard?: string): void {
    for (const { body } of this.sentCards.all(incidentId)) {
      const n = JSON.parse(body) as Notification;
      if (!followsCase(n)) continue;
      // Only a personal card: a channel card's clicker sees their own view; the others need the update.
      if (keepCard && n.activityId === keepCard && n.target.kind === 'person') continue;
      const update = cardUpdateOf(n, now);
      this.requeue.run(update.id, update.incidentId, update.nextAttemptAt, JSON.stringify(update), laneOf(update));
    }
  }

  /** @inheritdoc */
  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<Notification[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const tx = this.db.transaction((): Notification[] =>
      this.fairDue(at, limit)
        .flatMap((id) => this.take.all(owner, until, id, at, at))
        .map((r) => JSON.parse(r.body) as Notification),
    );
    return tx.immediate();
  }

  /** Up to `limit` due ids: the oldest of each conversation, then the second of each, and so on. */
  private fairDue(at: string, limit: number): string[] {
    const lanes = this.lanes.all();
    // Enough from each conversation for its share of the batch; a conversation with less due work
    // leaves the batch short, and the next claim fills it.
    const share = Math.ceil(limit / Math.max(1, lanes.length)) + 1;
    const queues = lanes
      .map(({ lane }) => this.dueInLane.all(lane, at, at, share))
      .filter((q) => q.length > 0)
      // Conversations whose oldest work waited longest go first in every turn.
      .sort((a, b) => a[0].next_attempt_at.localeCompare(b[0].next_attempt_at));
    const ids: string[] = [];
    for (let turn = 0; ids.length < limit; turn++) {
      const before = ids.length;
      for (const q of queues) if (turn < q.length && ids.length < limit) ids.push(q[turn].id);
      if (ids.length === before) break;
    }
    return ids;
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

/** The conversation a notification goes to, as a lane for fair claims. */
function laneOf(n: Notification): string {
  return n.target.kind === 'person' ? `user:${n.target.personId}` : `district:${n.target.districtId}`;
}
