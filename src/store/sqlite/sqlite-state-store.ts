import type { Statement } from 'better-sqlite3';
import { StateConflictError, type StateRecord, type StateStore } from '../ports';
import type { SqliteDatabase } from './database';

interface Row {
  key: string;
  version: number;
  value: string;
}

/** Bot state in the `bot_state` table; the etag is the row's version number. */
export class SqliteStateStore implements StateStore {
  private readonly selectOne: Statement<[string], Row>;
  private readonly insert: Statement<[string, string, string]>;
  private readonly update: Statement<[string, string, string, number]>;
  private readonly overwrite: Statement<[string, string, string, string, string]>;
  private readonly remove: Statement<[string]>;

  /** @param db - an open, migrated database */
  constructor(private readonly db: SqliteDatabase) {
    this.selectOne = db.prepare('SELECT key, version, value FROM bot_state WHERE key = ?');
    this.insert = db.prepare(
      'INSERT INTO bot_state (key, version, value, updated_at) VALUES (?, 1, ?, ?) ON CONFLICT(key) DO NOTHING',
    );
    this.update = db.prepare(
      'UPDATE bot_state SET version = version + 1, value = ?, updated_at = ? WHERE key = ? AND version = ?',
    );
    this.overwrite = db.prepare(
      `INSERT INTO bot_state (key, version, value, updated_at) VALUES (?, 1, ?, ?)
       ON CONFLICT(key) DO UPDATE SET version = version + 1, value = ?, updated_at = ?`,
    );
    this.remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
  }

  /** @inheritdoc */
  async read(keys: readonly string[]): Promise<Map<string, StateRecord>> {
    const out = new Map<string, StateRecord>();
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) out.set(key, { value: JSON.parse(row.value) as Record<string, unknown>, etag: String(row.version) });
    }
    return out;
  }

  /** @inheritdoc */
  async write(key: string, value: Record<string, unknown>, expectedEtag?: string): Promise<string> {
    const json = JSON.stringify(value);
    const now = new Date().toISOString();
    const tx = this.db.transaction((): string => {
      if (expectedEtag === undefined || expectedEtag === '*') {
        this.overwrite.run(key, json, now, json, now);
        return String(this.selectOne.get(key)?.version);
      }
      const current = this.selectOne.get(key);
      if (!current) {
        // Like botbuilder's MemoryStorage: an item that no longer exists is written afresh.
        this.insert.run(key, json, now);
        return String(this.selectOne.get(key)?.version);
      }
      const result = this.update.run(json, now, key, Number(expectedEtag));
      if (result.changes === 0) throw new StateConflictError(key);
      return String(current.version + 1);
    });
    return tx.immediate();
  }

  /** @inheritdoc */
  async delete(keys: readonly string[]): Promise<void> {
    const tx = this.db.transaction(() => keys.forEach((k) => this.remove.run(k)));
    tx.immediate();
  }
}
