import type { Statement } from 'better-sqlite3';
import { earliestSendSlot, MAX_MARGIN_MS, slotHorizons, type RateLimits } from '../../domain/send-slots';
import type { SendSlotStore } from '../ports';
import type { SqliteDatabase } from './database';

const conversationScope = (key: string) => `c:${key}`;
const tenantScope = (tenantId: string) => `t:${tenantId}`;

/**
 * The send_slots table. A booking takes SQLite's write lock (BEGIN IMMEDIATE), reads the slots
 * that still matter for the conversation and the tenant, and writes the new slot, so bookings of
 * several processes on the same file are serialised. Slots older than the longest window (with the
 * largest margin) are deleted as bookings go.
 */
export class SqliteSendSlotStore implements SendSlotStore {
  private readonly since: Statement<[string, number], { at: number }>;
  private readonly insert: Statement<[string, number]>;
  private readonly prune: Statement<[number]>;
  private readonly remove: Statement<[string, number]>;
  private readonly bookTx: (conversationKey: string, tenantId: string, now: number, limits: RateLimits, marginMs: number) => number;
  private readonly releaseTx: (conversationKey: string, tenantId: string, at: number) => void;

  /** @param db - an open, migrated database */
  constructor(db: SqliteDatabase) {
    this.since = db.prepare('SELECT at FROM send_slots WHERE scope = ? AND at > ? ORDER BY at');
    this.insert = db.prepare('INSERT INTO send_slots (scope, at) VALUES (?, ?)');
    this.prune = db.prepare('DELETE FROM send_slots WHERE at <= ?');
    this.remove = db.prepare('DELETE FROM send_slots WHERE id = (SELECT id FROM send_slots WHERE scope = ? AND at = ? LIMIT 1)');
    const tx = db.transaction((conversationKey: string, tenantId: string, now: number, limits: RateLimits, marginMs: number) => {
      const horizon = slotHorizons(marginMs);
      // With the largest margin, not this process's: processes with other margins share the table.
      this.prune.run(now - slotHorizons(MAX_MARGIN_MS).conversationMs);
      const conversation = this.since.all(conversationScope(conversationKey), now - horizon.conversationMs).map((r) => r.at);
      const tenant = this.since.all(tenantScope(tenantId), now - horizon.tenantMs).map((r) => r.at);
      const at = earliestSendSlot({ conversation, tenant }, now, limits, marginMs);
      this.insert.run(conversationScope(conversationKey), at);
      this.insert.run(tenantScope(tenantId), at);
      return at;
    });
    this.bookTx = (...args) => tx.immediate(...args);
    this.releaseTx = db.transaction((conversationKey: string, tenantId: string, at: number) => {
      this.remove.run(conversationScope(conversationKey), at);
      this.remove.run(tenantScope(tenantId), at);
    });
  }

  /** {@inheritDoc SendSlotStore.book} */
  async book(conversationKey: string, tenantId: string, now: number, limits: RateLimits, marginMs: number): Promise<number> {
    return this.bookTx(conversationKey, tenantId, now, limits, marginMs);
  }

  /** {@inheritDoc SendSlotStore.release} */
  async release(conversationKey: string, tenantId: string, at: number): Promise<void> {
    this.releaseTx(conversationKey, tenantId, at);
  }
}
