/**
 * The coordinators' use cases — lägesbild, open and overdue case lists, finding a case by number,
 * export — on top of the domain and the summary store. Who may see what is decided by
 * `lagesbildScope` in `domain/access.ts`; this narrows the scope to what was asked and never widens
 * it. No SDK here; the Teams handlers call this and render what it returns.
 */
import { lagesbildScope } from '../domain/access';
import type { Directory } from '../directory/directory';
import { parseCaseNumber, formatCaseNumber } from '../domain/case-number';
import { periodDays } from '../domain/lagesbild-counters';
import type { CaseSummary, LagesbildScope } from '../domain/lagesbild-types';
import { buildLagesbild, type LagesbildView } from '../domain/lagesbild';
import type { LagesbildScopeInfo } from '../domain/lagesbild-view';
import { previousPeriod, type Period } from '../domain/period';
import type { Store, SummaryScope } from '../store/ports';

/** What the service needs. */
export interface LagesbildServiceDeps {
  store: Store;
  directory: Directory;
  clock: () => Date;
  /** Counts below this are shown as `<threshold` (≥ 3; configured by TRYGG_SUPPRESSION_THRESHOLD). */
  suppressionThreshold: number;
}

/** Largest page of a case list. */
export const MAX_PAGE_SIZE = 50;

/** A person's scope narrowed to what they asked for. */
type Resolved = { kind: 'forbidden' } | { kind: 'unknown-district' } | { kind: 'ok'; scope: SummaryScope; info: LagesbildScopeInfo };

/** Lägesbild, lists, case lookup and export. */
export class LagesbildService {
  /** @param deps - store, organisation, clock, suppression threshold */
  constructor(private readonly deps: LagesbildServiceDeps) {}

  /**
   * The lägesbild of a period: the person's whole scope, or one district of it.
   *
   * @param actorId - aadObjectId from the activity
   * @param req - the period, and optionally a district (by id) to narrow to
   * @returns the view; `forbidden` for people without a scope or a district outside it;
   *   `unknown-district` for a district the organisation does not have (asked by someone with a scope)
   */
  async lagesbild(
    actorId: string,
    req: { period: Period; districtId?: string },
  ): Promise<{ kind: 'forbidden' } | { kind: 'unknown-district' } | { kind: 'ok'; view: LagesbildView }> {
    const resolved = this.resolve(actorId, req.districtId);
    if (resolved.kind !== 'ok') return resolved;
    const summaries = this.deps.store.summaries;
    const now = this.deps.clock();
    const before = previousPeriod(req.period);
    const [current, previous, open] = await Promise.all([
      summaries.counters(resolved.scope, ...periodDays(req.period.from, req.period.to)),
      summaries.counters(resolved.scope, ...periodDays(before.from, before.to)),
      summaries.openCounts(resolved.scope, now),
    ]);
    const view = buildLagesbild({
      scope: resolved.info,
      period: req.period,
      previousPeriod: before,
      current,
      previous,
      open,
      now,
      threshold: this.deps.suppressionThreshold,
    });
    return { kind: 'ok', view };
  }

  /**
   * Open (or only overdue) cases in the person's scope, soonest deadline first, one page.
   *
   * @param actorId - aadObjectId from the activity
   * @param req - overdue only or all open; page (1-based) and page size (1…{@link MAX_PAGE_SIZE})
   * @returns the page's rows and the number of rows in all pages
   */
  async cases(
    actorId: string,
    req: { overdueOnly: boolean; page: number; pageSize: number },
  ): Promise<{ kind: 'forbidden' } | { kind: 'ok'; rows: CaseSummary[]; total: number; page: number; pageSize: number }> {
    const resolved = this.resolve(actorId);
    if (resolved.kind !== 'ok') return { kind: 'forbidden' };
    const page = clampInt(req.page, 1, 100_000);
    const pageSize = clampInt(req.pageSize, 1, MAX_PAGE_SIZE);
    const now = this.deps.clock();
    const { rows, total } = await this.deps.store.summaries.openCases(resolved.scope, {
      overdueBefore: req.overdueOnly ? now : undefined,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { kind: 'ok', rows, total, page, pageSize };
  }

  /**
   * Finds a case in the person's scope by its number.
   *
   * @param actorId - aadObjectId from the activity
   * @param caseNumber - as typed (`2026-42`, `2026-0042`)
   * @returns the incident's id; `not-found` also for cases outside the scope (their existence is not told)
   */
  async findCase(actorId: string, caseNumber: string): Promise<{ kind: 'forbidden' } | { kind: 'not-found' } | { kind: 'ok'; incidentId: string }> {
    const resolved = this.resolve(actorId);
    if (resolved.kind !== 'ok') return { kind: 'forbidden' };
    const parsed = typeof caseNumber === 'string' ? parseCaseNumber(caseNumber) : undefined;
    if (!parsed) return { kind: 'not-found' };
    const found = await this.deps.store.summaries.byCaseNumber(formatCaseNumber(parsed.year, parsed.sequence));
    return found && inScope(resolved.scope, found) ? { kind: 'ok', incidentId: found.incidentId } : { kind: 'not-found' };
  }

  /**
   * The export of a period: one row per case reported in it, in the person's scope (an
   * administrator's export — `{ admin: true }`, e.g. from a maintenance script — covers the whole
   * city). Rows hold codes, instants and flags only; `assigneeIds` is left empty (no ids of people).
   *
   * @param actorId - aadObjectId from the activity, or `{ admin: true }`
   * @param req - the period, and optionally a district to narrow to
   * @returns the rows, oldest first
   */
  async exportRows(
    actorId: string | { admin: true },
    req: { period: Period; districtId?: string },
  ): Promise<{ kind: 'forbidden' } | { kind: 'ok'; rows: CaseSummary[] }> {
    const resolved = this.resolve(actorId, req.districtId);
    if (resolved.kind !== 'ok') return { kind: 'forbidden' };
    const rows = await this.deps.store.summaries.rows(resolved.scope, req.period.from, req.period.to);
    return { kind: 'ok', rows: rows.map((r) => ({ ...r, assigneeIds: [] })) };
  }

  /** The person's scope (access.ts), narrowed to one district when asked. */
  private resolve(actor: string | { admin: true }, districtId?: string): Resolved {
    const org = this.deps.directory.current();
    const scope: LagesbildScope =
      typeof actor === 'string' ? lagesbildScope(org, actor) : actor.admin === true ? { kind: 'districts', districtIds: org.districts.map((d) => d.id) } : { kind: 'none' };
    if (scope.kind === 'none') return { kind: 'forbidden' };
    if (districtId !== undefined && !org.districts.some((d) => d.id === districtId)) return { kind: 'unknown-district' };
    if (scope.kind === 'districts') {
      const ids = districtId === undefined ? scope.districtIds : scope.districtIds.filter((id) => id === districtId);
      if (ids.length === 0) return { kind: 'forbidden' };
      const districts = org.districts.filter((d) => ids.includes(d.id));
      const units = org.units.filter((u) => ids.includes(u.districtId));
      return {
        kind: 'ok',
        scope: { kind: 'districts', districtIds: districts.map((d) => d.id) },
        info: {
          kind: 'districts',
          wholeCity: districts.length === org.districts.length,
          districts: districts.map((d) => ({ id: d.id, name: d.name })),
          units: units.map((u) => ({ id: u.id, name: u.name, districtId: u.districtId })),
        },
      };
    }
    const units = org.units.filter((u) => scope.unitIds.includes(u.id) && (districtId === undefined || u.districtId === districtId));
    if (units.length === 0) return { kind: 'forbidden' };
    const districts = org.districts.filter((d) => units.some((u) => u.districtId === d.id));
    return {
      kind: 'ok',
      scope: { kind: 'units', units: units.map((u) => ({ districtId: u.districtId, unitId: u.id })) },
      info: {
        kind: 'units',
        wholeCity: false,
        districts: districts.map((d) => ({ id: d.id, name: d.name })),
        units: units.map((u) => ({ id: u.id, name: u.name, districtId: u.districtId })),
      },
    };
  }
}

function inScope(scope: SummaryScope, s: CaseSummary): boolean {
  return scope.kind === 'districts'
    ? scope.districtIds.includes(s.districtId)
    : scope.units.some((u) => u.unitId === s.unitId && u.districtId === s.districtId);
}

function clampInt(value: number, min: number, max: number): number {
  const n = Number.isFinite(value) ? Math.trunc(value) : min;
  return Math.min(max, Math.max(min, n));
}
