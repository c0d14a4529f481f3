import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import { migrate, openDatabase } from '../../src/store/sqlite/database';
import { MIGRATIONS } from '../../src/store/sqlite/migrations';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { tempDbFile } from '../helpers/trygg-instance';
import { stateStoreContract } from './state-store.contract';

stateStoreContract('sqlite', async () => openSqliteStore(tempDbFile()));

describe('sqlite store', () => {
  it('creates the file and its folder, in WAL mode, with every migration recorded', () => {
    const file = tempDbFile('nested/dir/trygg.db');
    const db = openDatabase(file);
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
      assert.deepEqual(versions.map((v) => v.version), MIGRATIONS.map((m) => m.version));
    } finally {
      db.close();
    }
  });

  it('applies each migration once, also when opened again', () => {
    const file = tempDbFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    try {
      assert.deepEqual(migrate(db, MIGRATIONS), [], 'nothing left to apply');
    } finally {
      db.close();
    }
  });

  it('applies a new migration to an existing database and rolls back a failing one', () => {
    const file = tempDbFile();
    const db = openDatabase(file);
    try {
      const next = MIGRATIONS.length + 1;
      assert.deepEqual(migrate(db, [...MIGRATIONS, { version: next, name: 'extra', sql: 'CREATE TABLE extra (x INTEGER)' }]), [next]);
      assert.throws(() =>
        migrate(db, [{ version: next + 1, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM nowhere;' }]),
      );
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
      assert.ok(tables.includes('extra'));
      assert.ok(!tables.includes('half'), 'the failed migration left nothing behind');
    } finally {
      db.close();
    }
  });

  it('shares one file between two open stores (two processes)', async () => {
    const file = tempDbFile();
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    try {
      const etag = await a.state.write('k', { from: 'a' });
      assert.deepEqual((await b.state.read(['k'])).get('k'), { value: { from: 'a' }, etag });
    } finally {
      await a.close();
      await b.close();
    }
    const raw = new Database(file, { readonly: true });
    assert.equal((raw.prepare('SELECT COUNT(*) AS n FROM bot_state').get() as { n: number }).n, 1);
    raw.close();
  });
});
