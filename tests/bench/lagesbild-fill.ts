/**
 * Fills an SQLite file with generated case histories for the lägesbild benchmark, fast: the
 * bulk path writes, per case, exactly the rows `SqliteIncidentStore.submit` and `.change` leave in
 * `incidents`, `case_counters`, `case_summaries` and `lagesbild_counters` after the report and all
 * its changes — the final incident row (version = 1 + its changes), the case-number counter, the
 * summary (`SummaryWriter.storeSummary`) and its counter contribution (`CounterBatch`, the same
 * `counterChanges` the store applies per change, added up per document). It leaves out what the
 * lägesbild never reads: timeline events, outbox notifications, timers and drafts. A store test
 * checks that the result equals submitting and changing the same cases through the store.
 */
import type { Statement } from 'better-sqlite3';
import { formatCaseNumber } from '../../src/domain/case-number';
import { summaryOf } from '../../src/domain/case-summary';
import type { Incident } from '../../src/domain/incident';
import { openDatabase, type SqliteDatabase } from '../../src/store/sqlite/database';
import { CounterBatch, SummaryWriter } from '../../src/store/sqlite/summary-writer';
import { applyStep, CaseHistoryGenerator, type CaseHistory } from './lagesbild-data';

/** The incident a submit creates (as `SqliteIncidentStore.submit` builds it). */
export function submittedIncident(h: CaseHistory, caseNumber: string): Incident {
  const input = h.input;
  return {
    id: input.id,
    caseNumber,
    tenantId: input.tenantId,
    districtId: input.districtId,
    unitId: input.report.unitId,
    reporterId: input.reporterId,
    reporterName: input.reporterName,
    reportedAt: input.reportedAt.toISOString(),
    status: 'reported',
    version: 1,
    report: input.report,
    case: input.caseFile,
  };
}

/** The incident id of the i-th generated case. */
export function benchIncidentId(i: number): string {
  return `inc-bench-${String(i).padStart(8, '0')}`;
}

/**
 * Writes `count` generated cases into a migrated database, in transactions of `chunk` cases.
 *
 * @param db - an open database with all migrations applied
 * @param count - number of cases
 * @param now - end of the generated history
 * @param seed - random seed
 * @param onChunk - called after each committed chunk with the number of cases written so far
 */
export function bulkFill(db: SqliteDatabase, count: number, now: Date, seed: number, onChunk: (done: number) => void = () => undefined, chunk = 20_000): void {
  const generator = new CaseHistoryGenerator(seed, count, now);
  const writer = new SummaryWriter(db);
  const batch = new CounterBatch();
  const nextNumber: Statement<[number], { last: number }> = db.prepare(
    `INSERT INTO case_counters (year, last) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last`,
  );
  const insertIncident = db.prepare(
    `INSERT INTO incidents (id, case_number, district_id, unit_id, reporter_id, reported_at, status, version, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let start = 0; start < count; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < Math.min(count, start + chunk); i++) {
        const h = generator.history(i, benchIncidentId(i));
        const caseNumber = formatCaseNumber(h.input.caseYear, nextNumber.get(h.input.caseYear)!.last);
        const incident = h.steps.reduce(applyStep, submittedIncident(h, caseNumber));
        insertIncident.run(
          incident.id,
          incident.caseNumber,
          incident.districtId,
          incident.unitId,
          incident.reporterId,
          incident.reportedAt,
          incident.status,
          incident.version,
          JSON.stringify(incident),
        );
        const summary = summaryOf(incident);
        writer.storeSummary(summary);
        batch.add(undefined, summary);
      }
      batch.flush(writer);
    }).immediate();
    onChunk(Math.min(count, start + chunk));
  }
}

/**
 * Opens (creating and migrating) a file for a bulk fill, with settings for loading speed: no fsync
 * until the end and a large page cache. The benchmark reopens the file with the store's own settings.
 *
 * @param file - the database file
 * @returns the open database
 */
export function openForFill(file: string): SqliteDatabase {
  const db = openDatabase(file);
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  return db;
}
