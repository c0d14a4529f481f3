import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openDatabase, type SqliteDatabase } from '../../src/store/sqlite/database';
import { SqliteTimerStore } from '../../src/store/sqlite/sqlite-timer-store';
import { tempDbFile } from '../helpers/trygg-instance';

/** The SQL of every statement a store prepares on `db`. */
function preparedBy(db: SqliteDatabase, create: (db: SqliteDatabase) => unknown): string[] {
  const sql: string[] = [];
  const recording = new Proxy(db, {
    get: (target, prop) =>
      prop === 'prepare'
        ? (text: string) => {
            sql.push(text);
            return target.prepare(text);
          }
        : Reflect.get(target, prop, target),
  });
  create(recording);
  return sql;
}

const planOf = (db: SqliteDatabase, sql: string) =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...new Array((sql.match(/\?/g) ?? []).length).fill(null))
    .map((row) => (row as { detail: string }).detail)
    .join(' | ');

describe('sqlite query plans (no statement of a submit reads more than its own case)', () => {
  let db: SqliteDatabase;
  let file: string;
  beforeEach(() => {
    file = tempDbFile();
    db = openDatabase(file);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it("reads a case's timers through the per-case index, not through every pending timer", () => {
    const byCase = preparedBy(db, (d) => new SqliteTimerStore(d)).filter((sql) => /^\s*SELECT[\s\S]*WHERE incident_id = \?/i.test(sql));
    assert.ok(byCase.length > 0, 'the timer store reads timers by case');
    for (const sql of byCase) assert.match(planOf(db, sql), /USING INDEX case_timers_by_incident \(incident_id=\?/, sql);
  });
});
