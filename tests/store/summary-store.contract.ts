import { strict as assert } from 'node:assert';
import { newCaseFile, type CaseFile } from '../../src/domain/case-file';
import { summaryOf } from '../../src/domain/case-summary';
import type { Incident, IncidentStatus, NewIncident } from '../../src/domain/incident';
import { addCounters, contributionOf, counterHome, isOpen, type Counters } from '../../src/domain/lagesbild-counters';
import type { CaseSummary } from '../../src/domain/lagesbild-types';
import { FORMS, PERPETRATOR_ROLES, PLACES, WORK_AREAS, type Form } from '../../src/domain/report-schema';
import { addDays } from '../../src/domain/stockholm-instant';
import { VersionConflictError, type Store, type SummaryScope } from '../../src/store/ports';
import { newIncidentFixture, reportFixture } from './incident-store.contract';

const MINUTE = 60_000;
const T0 = new Date('2026-03-02T09:15:00Z');
const MANAGER = '00000000-0000-0000-0000-0000000000024';

/** Where a test case happens. */
interface Place {
  districtId: string;
  unitId: string;
}

/** A submit of draft `draftId` in a district and unit, at a time: a threat, not possibly serious. */
function submitted(draftId: string, where: Place, reportedAt: Date, patch: Partial<NewIncident> = {}): NewIncident {
  const base = newIncidentFixture(draftId, { reportedAt, caseYear: 2026 });
  return {
    ...base,
    districtId: where.districtId,
    report: { ...base.report, unitId: where.unitId, perceivedSerious: 'no', injuries: ['none'], weapon: 'no' },
    caseFile: newCaseFile([MANAGER], new Date(reportedAt.getTime() + 6 * 60 * MINUTE)),
    ...patch,
  };
}

/** The status a case file adds up to (as the case decisions derive it). */
function statusOf(c: CaseFile): IncidentStatus {
  if (c.closed) return 'closed';
  if (c.contact || c.support || c.police || c.authority || c.measures.length > 0 || c.feedback) return 'in-progress';
  return c.acknowledged ? 'acknowledged' : 'reported';
}

/** Writes one change of a case: the case file patched, status derived, one version on. */
async function change(store: Store, incident: Incident, at: Date, patch: (c: CaseFile) => Partial<CaseFile>): Promise<Incident> {
  const c = { ...incident.case, ...patch(incident.case) };
  const next: Incident = { ...incident, version: incident.version + 1, status: statusOf(c), case: c };
  return store.incidents.change({
    next,
    expectedVersion: incident.version,
    event: { type: 'case-security-note', at: at.toISOString(), actorId: MANAGER },
  });
}

const stamp = (at: Date) => ({ by: MANAGER, at: at.toISOString() });

/** Counters recounted by brute force: every case, filtered by scope and report day. */
function recount(summaries: readonly CaseSummary[], scope: SummaryScope, fromDay: string, toDay: string): Counters {
  const sum: Counters = {};
  for (const s of summaries) {
    const day = counterHome(s).day;
    if (day >= fromDay && day < toDay && inScope(scope, s)) addCounters(sum, contributionOf(s));
  }
  return sum;
}

function inScope(scope: SummaryScope, s: CaseSummary): boolean {
  return scope.kind === 'districts'
    ? scope.districtIds.includes(s.districtId)
    : scope.units.some((u) => u.districtId === s.districtId && u.unitId === s.unitId);
}

/** A small deterministic random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NORR_A: Place = { districtId: 'norr', unitId: 'norr-a' };
const NORR_B: Place = { districtId: 'norr', unitId: 'norr-b' };
const SODER_A: Place = { districtId: 'soder', unitId: 'soder-a' };
const PLACES_OF_CASES = [NORR_A, NORR_B, SODER_A];
const ALL: SummaryScope = { kind: 'districts', districtIds: ['norr', 'soder'] };

/**
 * The behaviour every store adapter's summary port must have: summaries and counters kept with
 * every submit and change, and equal to a recount of all cases. Each adapter's test file calls this
 * with a factory that opens a fresh, empty store.
 */
export function summaryStoreContract(adapter: string, open: () => Promise<Store>): void {
  describe(`summary store contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => (store = await open()));
    afterEach(async () => store.close());

    const summaries = async (ids: readonly string[]) => Promise.all(ids.map(async (id) => summaryOf((await store.incidents.get(id))!)));

    describe('after a submit', () => {
      it('counts the case on its Swedish report day, for its district and its unit, and as open', async () => {
        const { incident } = await store.incidents.submit(submitted('d1', NORR_A, T0));
        const expected = contributionOf(summaryOf(incident));
        assert.deepEqual(await store.summaries.counters({ kind: 'districts', districtIds: ['norr'] }, '2026-03-02', '2026-03-03'), expected);
        assert.deepEqual(await store.summaries.counters({ kind: 'units', units: [NORR_A] }, '2026-03-01', '2026-04-01'), expected);
        assert.deepEqual(await store.summaries.counters({ kind: 'units', units: [NORR_B] }, '2026-03-01', '2026-04-01'), {});
        assert.deepEqual(await store.summaries.counters({ kind: 'districts', districtIds: ['soder'] }, '2026-03-01', '2026-04-01'), {});
        assert.deepEqual(await store.summaries.counters({ kind: 'districts', districtIds: ['norr'] }, '2026-03-03', '2026-03-10'), {});
        assert.deepEqual(await store.summaries.openCounts({ kind: 'districts', districtIds: ['norr'] }, T0), { open: 1, overdue: 0 });
        assert.deepEqual(await store.summaries.byCaseNumber(incident.caseNumber), summaryOf(incident));
      });

      it('counts a submit made twice once', async () => {
        await store.incidents.submit(submitted('d1', NORR_A, T0));
        const again = await store.incidents.submit(submitted('d1', NORR_A, T0));
        assert.equal(again.created, false);
        assert.equal((await store.summaries.counters(ALL, '2026-03-01', '2026-04-01')).n, 1);
        assert.equal((await store.summaries.openCounts(ALL, T0)).open, 1);
      });

      it('counts a report made after midnight Swedish time on the next day', async () => {
        await store.incidents.submit(submitted('d1', NORR_A, new Date('2026-03-02T23:30:00Z')));
        assert.deepEqual(await store.summaries.counters(ALL, '2026-03-02', '2026-03-03'), {});
        assert.equal((await store.summaries.counters(ALL, '2026-03-03', '2026-03-04')).n, 1);
      });
    });

    describe('after changes', () => {
      it('moves the counts a change moves, without counting the case twice', async () => {
        let incident = (await store.incidents.submit(submitted('d1', NORR_A, T0))).incident;
        const norr: SummaryScope = { kind: 'districts', districtIds: ['norr'] };
        const march = () => store.summaries.counters(norr, '2026-03-01', '2026-04-01');
        incident = await change(store, incident, new Date(T0.getTime() + 45 * MINUTE), () => ({ acknowledged: stamp(new Date(T0.getTime() + 45 * MINUTE)) }));
        assert.equal((await march()).n, 1);
        assert.equal((await march())['ack:2'], 1);
        incident = await change(store, incident, new Date(T0.getTime() + 60 * MINUTE), () => ({
          police: { ...stamp(new Date(T0.getTime() + 60 * MINUTE)), decision: 'employee-files', protectedRequested: false },
        }));
        assert.deepEqual([(await march())['police:decided'], (await march())['police:filed']], [1, undefined]);
        // A corrected decision: filed now; still one decision.
        incident = await change(store, incident, new Date(T0.getTime() + 90 * MINUTE), () => ({
          police: { ...stamp(new Date(T0.getTime() + 90 * MINUTE)), decision: 'already-filed', protectedRequested: false },
        }));
        assert.deepEqual([(await march())['police:decided'], (await march())['police:filed']], [1, 1]);
        const closedAt = new Date(T0.getTime() + 3 * 1440 * MINUTE);
        incident = await change(store, incident, closedAt, () => ({ closed: stamp(closedAt) }));
        assert.equal((await march())['close:9'], 1);
        assert.deepEqual(await store.summaries.openCounts(norr, closedAt), { open: 0, overdue: 0 });
        incident = await change(store, incident, closedAt, () => ({ closed: undefined }));
        assert.equal((await march())['close:9'], undefined);
        assert.deepEqual(await store.summaries.openCounts(norr, closedAt), { open: 1, overdue: 0 });
        assert.deepEqual(await march(), contributionOf(summaryOf(incident)));
      });

      it('a change that loses a version race changes no count', async () => {
        const first = (await store.incidents.submit(submitted('d1', NORR_A, T0))).incident;
        await change(store, first, T0, () => ({ acknowledged: stamp(T0) }));
        await assert.rejects(change(store, first, T0, () => ({ closed: stamp(T0) })), VersionConflictError);
        const counted = await store.summaries.counters(ALL, '2026-03-01', '2026-04-01');
        assert.equal(counted['close:0'], undefined);
        assert.equal((await store.summaries.openCounts(ALL, T0)).open, 1);
      });

      it('after many changes the counters equal a recount of every case', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) ids.push((await store.incidents.submit(submitted(`m${i}`, PLACES_OF_CASES[i % 3], new Date(T0.getTime() + i * 1440 * MINUTE)))).incident.id);
        for (let round = 0; round < 10; round++) {
          for (const id of ids) {
            const incident = (await store.incidents.get(id))!;
            const at = new Date(T0.getTime() + (round + 1) * 60 * MINUTE);
            await change(store, incident, at, (c) => (c.closed ? { closed: undefined } : round % 3 === 2 ? { closed: stamp(at) } : { acknowledged: c.acknowledged ?? stamp(at) }));
          }
        }
        assert.deepEqual(await store.summaries.counters(ALL, '2026-03-01', '2026-04-01'), recount(await summaries(ids), ALL, '2026-03-01', '2026-04-01'));
      });
    });

    describe('open and overdue cases', () => {
      it('lists open cases soonest deadline first, those without one last, paged; overdue only before now', async () => {
        const at = (h: number) => new Date(T0.getTime() + h * 60 * MINUTE);
        const mk = async (draft: string, where: Place, dueHours: number) =>
          (await store.incidents.submit({ ...submitted(draft, where, T0), caseFile: newCaseFile([MANAGER], at(dueHours)) })).incident;
        const a = await mk('a', NORR_A, 5);
        const b = await mk('b', NORR_B, 1);
        const c = await mk('c', SODER_A, 3);
        const d = await mk('d', NORR_A, 2);
        await change(store, d, at(1), () => ({ acknowledged: stamp(at(1)) })); // no deadline left
        const e = await mk('e', NORR_B, 4);
        await change(store, e, at(1), () => ({ closed: stamp(at(1)) })); // closed: not listed
        const now = at(3.5);
        const page = (options: { overdueBefore?: Date; offset: number; limit: number }, scope = ALL) =>
          store.summaries.openCases(scope, options).then((r) => ({ ids: r.rows.map((s) => s.incidentId), total: r.total }));
        assert.deepEqual(await page({ offset: 0, limit: 10 }), { ids: [b.id, c.id, a.id, d.id], total: 4 });
        assert.deepEqual(await page({ offset: 1, limit: 2 }), { ids: [c.id, a.id], total: 4 });
        assert.deepEqual(await page({ offset: 4, limit: 2 }), { ids: [], total: 4 });
        assert.deepEqual(await page({ overdueBefore: now, offset: 0, limit: 10 }), { ids: [b.id, c.id], total: 2 });
        assert.deepEqual(await page({ offset: 0, limit: 10 }, { kind: 'units', units: [NORR_A] }), { ids: [a.id, d.id], total: 2 });
        assert.deepEqual(await page({ overdueBefore: now, offset: 0, limit: 10 }, { kind: 'districts', districtIds: ['norr'] }), { ids: [b.id], total: 1 });
        assert.deepEqual(await store.summaries.openCounts(ALL, now), { open: 4, overdue: 2 });
        assert.deepEqual(await store.summaries.openCounts({ kind: 'units', units: [NORR_B, SODER_A] }, now), { open: 2, overdue: 2 });
      });
    });

    describe('export rows', () => {
      it('every case reported in [from, to) in the scope, oldest first', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) ids.push((await store.incidents.submit(submitted(`x${i}`, PLACES_OF_CASES[i % 3], new Date(T0.getTime() + (5 - i) * 1440 * MINUTE)))).incident.id);
        const rows = await store.summaries.rows({ kind: 'districts', districtIds: ['norr'] }, new Date(T0.getTime() + 1440 * MINUTE), new Date(T0.getTime() + 5 * 1440 * MINUTE));
        // x1 (day 4, norr-b), x3 (day 2, norr-a), x4 (day 1, norr-b); x0 is on day 5 (excluded), x2/x5 in söder.
        assert.deepEqual(rows.map((r) => r.incidentId), [ids[4], ids[3], ids[1]]);
        assert.deepEqual(rows[0], summaryOf((await store.incidents.get(ids[4]))!));
        const unit = await store.summaries.rows({ kind: 'units', units: [NORR_A] }, T0, new Date(T0.getTime() + 10 * 1440 * MINUTE));
        assert.deepEqual(unit.map((r) => r.incidentId), [ids[3], ids[0]]);
      });
    });

    describe('random histories', () => {
      for (const seed of [1, 2, 3, 4]) {
        it(`equal a brute-force recount of every case (seed ${seed})`, async () => {
          const rnd = random(seed);
          const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
          const ids: string[] = [];
          const start = new Date('2026-01-20T12:00:00Z');
          for (let i = 0; i < 40; i++) {
            const reportedAt = new Date(start.getTime() + Math.floor(rnd() * 90 * 1440) * MINUTE);
            const forms = [...new Set([pick(FORMS), ...(rnd() < 0.3 ? [pick(FORMS)] : [])])] as Form[];
            const report = reportFixture({
              forms,
              perpetratorRole: pick(PERPETRATOR_ROLES),
              place: pick(PLACES),
              workArea: pick(WORK_AREAS),
              weapon: rnd() < 0.2 ? 'yes' : 'no',
              perceivedSerious: rnd() < 0.2 ? 'yes' : 'no',
              injuries: rnd() < 0.2 ? ['physical'] : ['none'],
            });
            const input = submitted(`r${seed}-${i}`, pick(PLACES_OF_CASES), reportedAt, {});
            ids.push((await store.incidents.submit({ ...input, report: { ...report, unitId: input.report.unitId } })).incident.id);
          }
          for (let k = 0; k < 150; k++) {
            const incident = (await store.incidents.get(pick(ids)))!;
            const at = new Date(Date.parse(incident.reportedAt) + Math.floor(rnd() * 400 * 1440) * MINUTE);
            const day = addDays(at.toISOString().slice(0, 10), Math.floor(rnd() * 3) - 1);
            const step = pick(['ack', 'support', 'police', 'authority', 'measure', 'measure-done', 'close', 'reopen'] as const);
            await change(store, incident, at, (c): Partial<CaseFile> => {
              switch (step) {
                case 'ack':
                  return { acknowledged: stamp(at) };
                case 'support':
                  return { support: { ...stamp(at), offers: ['debriefing'], response: 'accepted' } };
                case 'police':
                  return { police: { ...stamp(at), decision: pick(['employee-files', 'employer-files', 'already-filed', 'not-filed'] as const), filedDate: rnd() < 0.5 ? day : undefined, protectedRequested: false } };
                case 'authority':
                  return { authority: { ...stamp(at), seriousAssessment: pick(['notified', 'not-serious'] as const), notifiedDate: day } };
                case 'measure':
                  return { measures: [...c.measures, { ...stamp(at), id: `m${c.measures.length + 1}`, kind: 'training', text: 'x', ownerId: MANAGER, dueDate: day, status: 'planned' }] };
                case 'measure-done':
                  return { measures: c.measures.map((m) => ({ ...m, status: 'done' as const })) };
                case 'close':
                  return { closed: stamp(at) };
                case 'reopen':
                  return { closed: undefined };
              }
            });
          }
          const all = await summaries(ids);
          const scopes: SummaryScope[] = [
            ALL,
            { kind: 'districts', districtIds: ['norr'] },
            { kind: 'units', units: [NORR_B, SODER_A] },
          ];
          const ranges: Array<[string, string]> = [['2026-01-01', '2026-05-01'], ['2026-01-25', '2026-03-10'], ['2026-02-01', '2026-03-01'], ['2026-03-15', '2026-03-16']];
          for (const scope of scopes) {
            for (const [from, to] of ranges) {
              assert.deepEqual(await store.summaries.counters(scope, from, to), recount(all, scope, from, to), `${JSON.stringify(scope)} ${from}..${to}`);
            }
            const now = new Date('2026-04-15T08:00:00Z');
            const open = all.filter((s) => inScope(scope, s) && isOpen(s));
            const overdue = open.filter((s) => s.nextDeadline !== undefined && s.nextDeadline < now.toISOString());
            assert.deepEqual(await store.summaries.openCounts(scope, now), { open: open.length, overdue: overdue.length });
            const listed = await store.summaries.openCases(scope, { overdueBefore: now, offset: 0, limit: 1000 });
            assert.deepEqual(listed.rows.map((r) => r.incidentId).sort(), overdue.map((s) => s.incidentId).sort());
            assert.equal(listed.total, overdue.length);
            const exported = await store.summaries.rows(scope, new Date('2026-02-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'));
            const wanted = all.filter((s) => inScope(scope, s) && s.reportedAt >= '2026-02-01T00:00:00.000Z' && s.reportedAt < '2026-03-01T00:00:00.000Z');
            assert.deepEqual(exported.map((r) => r.incidentId).sort(), wanted.map((s) => s.incidentId).sort());
          }
          for (const s of all) assert.deepEqual(await store.summaries.byCaseNumber(s.caseNumber), s);
        });
      }
    });
  });
}
