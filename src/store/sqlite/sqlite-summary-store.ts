import type { Statement } from 'better-sqlite3';
import { bucketRanges, type Counters } from '../../domain/lagesbild-counters';
import type { CaseSummary } from '../../domain/lagesbild-types';
import type { SummaryScope, SummaryStore } from '../ports';
import { CounterSum, decodeCounters } from './counter-codec';
import type { SqliteDatabase } from './database';
import { NO_DEADLINE } from './summary-writer';

interface BodyRow {
  body: string;
}

/** Where a scope's documents live: per district the whole district (`*`) or some of its units. */
type Key = { districtId: string; scopeKey: string };

/**
 * Reads case summaries and lägesbild counters (written by `SummaryWriter` in the incidents'
 * transactions). Every query names its district, as a Cosmos partition-scoped query would; counters
 * are read as whole-month and day documents, never as cases.
 */
export class SqliteSummaryStore implements SummaryStore {
  private readonly counterRange: Statement<[string, string, string, string, string], BodyRow>;
  private readonly counterDoc: Statement<[string, string, string, string], BodyRow>;
  private readonly overdueInDistrict: Statement<[string, string], { n: number }>;
  private readonly overdueInUnit: Statement<[string, string, string], { n: number }>;
  private readonly openInDistrict: Statement<[string, string, number], BodyRow>;
  private readonly openInUnit: Statement<[string, string, string, number], BodyRow>;
  private readonly byNumber: Statement<[string], BodyRow>;
  private readonly reportedInDistrict: Statement<[string, string, string], BodyRow>;
  private readonly reportedInUnit: Statement<[string, string, string, string], BodyRow>;

  /** @param db - an open, migrated database */
  constructor(db: SqliteDatabase) {
    this.counterRange = db.prepare(
      `SELECT body FROM lagesbild_counters
       WHERE district_id = ? AND scope_key = ? AND grain = ? AND bucket >= ? AND bucket < ?`,
    );
    this.counterDoc = db.prepare(
      'SELECT body FROM lagesbild_counters WHERE district_id = ? AND scope_key = ? AND grain = ? AND bucket = ?',
    );
    this.overdueInDistrict = db.prepare(
      'SELECT COUNT(*) AS n FROM case_summaries WHERE open = 1 AND district_id = ? AND sort_deadline < ?',
    );
    this.overdueInUnit = db.prepare(
      'SELECT COUNT(*) AS n FROM case_summaries WHERE open = 1 AND unit_id = ? AND district_id = ? AND sort_deadline < ?',
    );
    // Each district's (unit's) open cases in deadline order, at most offset + limit of them: the
    // pages are merged in code, as a Cosmos adapter would merge partition-scoped queries.
    this.openInDistrict = db.prepare(
      `SELECT body FROM case_summaries WHERE open = 1 AND district_id = ? AND sort_deadline < ?
       ORDER BY sort_deadline, reported_at, incident_id LIMIT ?`,
    );
    this.openInUnit = db.prepare(
      `SELECT body FROM case_summaries WHERE open = 1 AND unit_id = ? AND district_id = ? AND sort_deadline < ?
       ORDER BY sort_deadline, reported_at, incident_id LIMIT ?`,
    );
    this.byNumber = db.prepare('SELECT body FROM case_summaries WHERE case_number = ?');
    this.reportedInDistrict = db.prepare(
      'SELECT body FROM case_summaries WHERE district_id = ? AND reported_at >= ? AND reported_at < ? ORDER BY reported_at',
    );
    this.reportedInUnit = db.prepare(
      `SELECT body FROM case_summaries WHERE unit_id = ? AND district_id = ? AND reported_at >= ? AND reported_at < ?
       ORDER BY reported_at`,
    );
  }

  /** @inheritdoc */
  async counters(scope: SummaryScope, fromDay: string, toDay: string): Promise<Counters> {
    const ranges = bucketRanges(fromDay, toDay);
    const reads: Array<[string, string, string]> = [
      ...ranges.days.map(([a, b]): [string, string, string] => ['day', a, b]),
      ...ranges.dekads.map(([a, b]): [string, string, string] => ['dekad', a, b]),
      ...(ranges.months ? [['month', ...ranges.months] as [string, string, string]] : []),
    ];
    const sum = new CounterSum();
    for (const { districtId, scopeKey } of keysOf(scope)) {
      for (const [grain, from, to] of reads) {
        for (const row of this.counterRange.iterate(districtId, scopeKey, grain, from, to)) sum.add(row.body);
      }
    }
    return sum.counters();
  }

  /** @inheritdoc */
  async openCounts(scope: SummaryScope, now: Date): Promise<{ open: number; overdue: number }> {
    const at = now.toISOString();
    let open = 0;
    let overdue = 0;
    for (const { districtId, scopeKey } of keysOf(scope)) {
      const doc = this.counterDoc.get(districtId, scopeKey, 'open', '-');
      open += doc ? (decodeCounters(doc.body).n ?? 0) : 0;
      overdue += scopeKey === '*' ? this.overdueInDistrict.get(districtId, at)!.n : this.overdueInUnit.get(scopeKey, districtId, at)!.n;
    }
    return { open, overdue };
  }

  /** @inheritdoc */
  async openCases(
    scope: SummaryScope,
    options: { overdueBefore?: Date; offset: number; limit: number },
  ): Promise<{ rows: CaseSummary[]; total: number }> {
    const before = options.overdueBefore ? options.overdueBefore.toISOString() : '~'; // '~' sorts after NO_DEADLINE
    const wanted = options.offset + options.limit;
    const merged: Array<CaseSummary & { sortDeadline: string }> = [];
    let total = 0;
    for (const { districtId, scopeKey } of keysOf(scope)) {
      const page =
        scopeKey === '*' ? this.openInDistrict.all(districtId, before, wanted) : this.openInUnit.all(scopeKey, districtId, before, wanted);
      for (const row of page) {
        const s = JSON.parse(row.body) as CaseSummary;
        merged.push({ ...s, sortDeadline: s.nextDeadline ?? NO_DEADLINE });
      }
      if (options.overdueBefore) {
        total += scopeKey === '*' ? this.overdueInDistrict.get(districtId, before)!.n : this.overdueInUnit.get(scopeKey, districtId, before)!.n;
      } else {
        const doc = this.counterDoc.get(districtId, scopeKey, 'open', '-');
        total += doc ? (decodeCounters(doc.body).n ?? 0) : 0;
      }
    }
    merged.sort(
      (a, b) =>
        compare(a.sortDeadline, b.sortDeadline) || compare(a.reportedAt, b.reportedAt) || compare(a.incidentId, b.incidentId),
    );
    const rows = merged.slice(options.offset, wanted).map(({ sortDeadline: _s, ...s }) => s);
    return { rows, total };
  }

  /** @inheritdoc */
  async byCaseNumber(caseNumber: string): Promise<CaseSummary | undefined> {
    const row = this.byNumber.get(caseNumber);
    return row ? (JSON.parse(row.body) as CaseSummary) : undefined;
  }

  /** @inheritdoc */
  async rows(scope: SummaryScope, from: Date, to: Date): Promise<CaseSummary[]> {
    const a = from.toISOString();
    const b = to.toISOString();
    const out: CaseSummary[] = [];
    for (const { districtId, scopeKey } of keysOf(scope)) {
      const rows = scopeKey === '*' ? this.reportedInDistrict.all(districtId, a, b) : this.reportedInUnit.all(scopeKey, districtId, a, b);
      for (const row of rows) out.push(JSON.parse(row.body) as CaseSummary);
    }
    return out.sort((x, y) => compare(x.reportedAt, y.reportedAt) || compare(x.caseNumber, y.caseNumber));
  }
}

/** The documents of a scope: each district once, or each unit once. */
function keysOf(scope: SummaryScope): Key[] {
  const keys =
    scope.kind === 'districts'
      ? scope.districtIds.map((districtId) => ({ districtId, scopeKey: '*' }))
      : scope.units.map((u) => ({ districtId: u.districtId, scopeKey: u.unitId }));
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.districtId}|${k.scopeKey}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
