import type { Statement } from 'better-sqlite3';
import { summaryOf } from '../../domain/case-summary';
import type { Incident } from '../../domain/incident';
import {
  addCounters,
  contributionOf,
  counterChanges,
  counterHome,
  dekadOf,
  isOpen,
  type CounterChange,
  type Counters,
  type Grain,
} from '../../domain/lagesbild-counters';
import type { CaseSummary } from '../../domain/lagesbild-types';
import { decodeCounters, encodeCounters } from './counter-codec';
import type { SqliteDatabase } from './database';
import { parseIncident } from './incident-row';

/** Sorts after every ISO instant: the deadline of an open case that has none. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/**
 * Keeps `case_summaries` and `lagesbild_counters` in step with the incidents. Call {@link write}
 * inside the transaction that writes the incident: the stored summary is what was counted, so
 * taking it away and adding the new one moves every counter by exactly the change.
 */
export class SummaryWriter {
  private readonly storedBody: Statement<[string], { body: string }>;
  private readonly upsertSummary: Statement<[string, string, string, string, string, number, string, string]>;
  private readonly counterBody: Statement<[string, string, string, string], { body: string }>;
  private readonly upsertCounter: Statement<[string, string, string, string, string]>;

  /** @param db - an open database with migration 6 applied */
  constructor(db: SqliteDatabase) {
    this.storedBody = db.prepare('SELECT body FROM case_summaries WHERE incident_id = ?');
    this.upsertSummary = db.prepare(
      `INSERT INTO case_summaries (incident_id, case_number, district_id, unit_id, reported_at, open, sort_deadline, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(incident_id) DO UPDATE SET case_number = excluded.case_number, district_id = excluded.district_id,
         unit_id = excluded.unit_id, reported_at = excluded.reported_at, open = excluded.open,
         sort_deadline = excluded.sort_deadline, body = excluded.body`,
    );
    this.counterBody = db.prepare(
      'SELECT body FROM lagesbild_counters WHERE district_id = ? AND scope_key = ? AND grain = ? AND bucket = ?',
    );
    this.upsertCounter = db.prepare(
      `INSERT INTO lagesbild_counters (district_id, scope_key, grain, bucket, body) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(district_id, scope_key, grain, bucket) DO UPDATE SET body = excluded.body`,
    );
  }

  /**
   * Stores the incident's summary and moves the counters from the summary stored before (call
   * inside the incident's transaction).
   *
   * @param incident - the incident as just written
   */
  write(incident: Incident): void {
    const row = this.storedBody.get(incident.id);
    const before = row ? (JSON.parse(row.body) as CaseSummary) : undefined;
    const after = summaryOf(incident);
    this.storeSummary(after);
    for (const change of counterChanges(before, after)) this.applyCounter(change);
  }

  /**
   * Writes a summary row as it is (no counters): for bulk loads that count with a {@link CounterBatch}.
   *
   * @param s - the summary
   */
  storeSummary(s: CaseSummary): void {
    this.upsertSummary.run(
      s.incidentId,
      s.caseNumber,
      s.districtId,
      s.unitId,
      s.reportedAt,
      isOpen(s) ? 1 : 0,
      s.nextDeadline ?? NO_DEADLINE,
      JSON.stringify(s),
    );
  }

  /**
   * Adds a change to its counter document (read, add, write back; zeros dropped).
   *
   * @param change - which document and by how much
   */
  applyCounter(change: CounterChange): void {
    const { districtId, scopeKey, grain, bucket } = change;
    const row = this.counterBody.get(districtId, scopeKey, grain, bucket);
    const counters = addCounters(row ? decodeCounters(row.body) : {}, change.delta);
    this.upsertCounter.run(districtId, scopeKey, grain, bucket, encodeCounters(counters));
  }
}

/**
 * Counter changes added up in memory and written once: what many {@link SummaryWriter.write} calls
 * would do to the counters, in one pass over each document. New cases are first added up per unit
 * and day; the district's and the month's documents are sums of those (addition is all there is).
 */
export class CounterBatch {
  private readonly docs = new Map<string, CounterChange>();
  private readonly unitDays = new Map<string, { districtId: string; unitId: string; day: string; counts: Counters; open: number }>();

  /**
   * Counts one case (or one change of a case).
   *
   * @param before - the summary counted so far (undefined for a new case)
   * @param after - the summary now
   */
  add(before: CaseSummary | undefined, after: CaseSummary): void {
    if (!before) return this.addNew(after);
    for (const change of counterChanges(before, after)) this.merge(change.districtId, change.scopeKey, change.grain, change.bucket, change.delta);
  }

  /**
   * Adds everything counted to the stored documents (call inside a transaction) and starts afresh.
   *
   * @param writer - writes the documents
   */
  flush(writer: SummaryWriter): void {
    for (const u of this.unitDays.values()) {
      for (const scopeKey of ['*', u.unitId]) {
        this.merge(u.districtId, scopeKey, 'day', u.day, u.counts);
        this.merge(u.districtId, scopeKey, 'dekad', dekadOf(u.day), u.counts);
        this.merge(u.districtId, scopeKey, 'month', u.day.slice(0, 7), u.counts);
        if (u.open > 0) this.merge(u.districtId, scopeKey, 'open', '-', { n: u.open });
      }
    }
    this.unitDays.clear();
    for (const change of this.docs.values()) if (Object.keys(change.delta).length > 0) writer.applyCounter(change);
    this.docs.clear();
  }

  /** A new case: what `counterChanges(undefined, s)` adds, gathered per unit and day. */
  private addNew(s: CaseSummary): void {
    const home = counterHome(s);
    const key = `${home.districtId}|${home.unitId}|${home.day}`;
    let acc = this.unitDays.get(key);
    if (!acc) this.unitDays.set(key, (acc = { districtId: home.districtId, unitId: home.unitId, day: home.day, counts: {}, open: 0 }));
    contributionOf(s, acc.counts);
    if (isOpen(s)) acc.open++;
  }

  private merge(districtId: string, scopeKey: string, grain: Grain | 'open', bucket: string, delta: Readonly<Counters>): void {
    const id = `${districtId}|${scopeKey}|${grain}|${bucket}`;
    const doc = this.docs.get(id);
    if (doc) addCounters(doc.delta, delta);
    else this.docs.set(id, { districtId, scopeKey, grain, bucket, delta: { ...delta } });
  }
}

/**
 * Migration 6's backfill: a summary for every stored incident, and the counters they add up to.
 *
 * @param db - the database, inside the migration's transaction
 */
export function backfillSummaries(db: SqliteDatabase): void {
  const writer = new SummaryWriter(db);
  const batch = new CounterBatch();
  const page = db.prepare<[number], { rowid: number; body: string }>(
    'SELECT rowid, body FROM incidents WHERE rowid > ? ORDER BY rowid LIMIT 1000',
  );
  for (let last = 0, rows = page.all(last); rows.length > 0; rows = page.all(last)) {
    for (const row of rows) {
      const summary = summaryOf(parseIncident(row.body));
      writer.storeSummary(summary);
      batch.add(undefined, summary);
    }
    last = rows[rows.length - 1].rowid;
  }
  batch.flush(writer);
}
