import { strict as assert } from 'node:assert';
import { incidentIdForDraft, type Incident, type NewIncident } from '../../src/domain/incident';
import { newCaseFile } from '../../src/domain/case-file';
import { newDraft } from '../../src/domain/report-draft';
import type { ReportAnswers } from '../../src/domain/report-schema';
import { VersionConflictError, type Store } from '../../src/store/ports';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const DISTRICT = 'district-norr';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const MANAGER = '00000000-0000-0000-0000-0000000000024';
const T0 = new Date('2026-03-02T09:15:00Z');

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const seqOf = (caseNumber: string) => Number(caseNumber.split('-')[1]);

/** A complete, valid report as a reporter submits it. */
export function reportFixture(patch: Partial<ReportAnswers> = {}): ReportAnswers {
  return {
    forms: ['threat-self', 'harassment'],
    purpose: 'yes',
    occurredAt: '2026-03-02T09:40',
    place: 'reception',
    workArea: 'financial-aid',
    unitId: 'unit-norr-ekbistand',
    perpetratorRole: 'client',
    recurrence: 'repeated',
    target: 'me',
    injuries: ['psychological'],
    weapon: 'no',
    perceivedSerious: 'yes',
    policeIntent: 'want-help',
    support: ['manager-today', 'debriefing'],
    description: 'En klient hotade mig i receptionen efter ett avslag på ekonomiskt bistånd och sa att hen vet var jag bor.',
    ...patch,
  };
}

/** What the submit of draft `draftId` brings. */
export function newIncidentFixture(draftId: string, patch: Partial<NewIncident> = {}): NewIncident {
  return {
    id: incidentIdForDraft(draftId),
    draftId,
    tenantId: TENANT,
    districtId: DISTRICT,
    reporterId: ALEX,
    reporterName: 'Alex Wilber',
    reportedAt: T0,
    caseYear: 2026,
    report: reportFixture(),
    caseFile: newCaseFile([MANAGER], T0),
    ...patch,
  };
}

/**
 * The behaviour every store adapter's incident port must have. Each adapter's test file calls this
 * with a factory that opens a fresh, empty store, and optionally one that opens two handles on one
 * fresh backing store (as two bot processes would hold).
 */
export function incidentStoreContract(
  adapter: string,
  open: () => Promise<Store>,
  openTwins?: () => Promise<[Store, Store]>,
): void {
  describe(`incident store contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => (store = await open()));
    afterEach(async () => store.close());

    const submit = (draftId: string, patch: Partial<NewIncident> = {}) =>
      store.incidents.submit(newIncidentFixture(draftId, patch));

    describe('submit', () => {
      it('creates the incident with the first case number of the year, status reported, version 1', async () => {
        const { incident, created } = await submit('d1');
        assert.equal(created, true);
        const expected: Incident = {
          id: 'inc-d1',
          caseNumber: '2026-0001',
          tenantId: TENANT,
          districtId: DISTRICT,
          unitId: 'unit-norr-ekbistand',
          reporterId: ALEX,
          reporterName: 'Alex Wilber',
          reportedAt: T0.toISOString(),
          status: 'reported',
          version: 1,
          report: reportFixture(),
          case: newCaseFile([MANAGER], T0),
        };
        assert.deepEqual(incident, expected);
        assert.deepEqual(await store.incidents.get('inc-d1'), expected);
      });

      it('takes the unit from the report', async () => {
        const { incident } = await submit('d1', { report: reportFixture({ unitId: 'unit-norr-barn', workArea: 'children-youth' }) });
        assert.equal(incident.unitId, 'unit-norr-barn');
      });

      it('numbers incidents 0001, 0002, 0003 within the year', async () => {
        const numbers: string[] = [];
        for (const i of range(3)) numbers.push((await submit(`d${i}`, { reportedAt: at(i) })).incident.caseNumber);
        assert.deepEqual(numbers, ['2026-0001', '2026-0002', '2026-0003']);
      });

      it('keeps one sequence per case year: a new year restarts at 0001', async () => {
        const n = async (draftId: string, caseYear: number) => (await submit(draftId, { caseYear })).incident.caseNumber;
        assert.equal(await n('a', 2026), '2026-0001');
        assert.equal(await n('b', 2026), '2026-0002');
        assert.equal(await n('c', 2027), '2027-0001');
        assert.equal(await n('d', 2026), '2026-0003');
        assert.equal(await n('e', 2027), '2027-0002');
      });

      it('writes the reported event as seq 1, with the report as submitted', async () => {
        await submit('d1');
        assert.deepEqual(await store.incidents.timeline('inc-d1'), [
          { incidentId: 'inc-d1', seq: 1, type: 'reported', at: T0.toISOString(), actorId: ALEX, report: reportFixture() },
        ]);
      });

      it('marks the draft submitted: it names the incident and is no longer open', async () => {
        const draft = await store.drafts.save(
          newDraft({ id: 'd1', userId: ALEX, tenantId: TENANT, now: at(-30), ttlDays: 14, ownUnitId: 'unit-norr-ekbistand' }),
        );
        assert.equal((await store.drafts.findOpen(ALEX, at(-1)))?.id, 'd1');

        await submit('d1');

        const stored = await store.drafts.get('d1');
        assert.equal(stored?.submittedIncidentId, 'inc-d1');
        assert.ok(stored!.version > draft.version, 'marking the draft bumps its version');
        assert.equal(await store.drafts.findOpen(ALEX, at(1)), undefined);
        await assert.rejects(
          store.drafts.save({ ...draft, raw: { forms: 'other' } }),
          VersionConflictError,
          'a stale card cannot reopen it',
        );
        await store.drafts.discard('d1');
        assert.equal((await store.drafts.get('d1'))?.submittedIncidentId, 'inc-d1', 'kept as the receipt');
        assert.equal(await store.drafts.purgeExpired(at(60 * 24 * 365)), 0, 'never purged');
      });

      it('leaves the person’s other drafts open', async () => {
        const mk = (id: string, minutes: number) =>
          store.drafts.save(newDraft({ id, userId: ALEX, tenantId: TENANT, now: at(minutes), ttlDays: 14 }));
        await mk('older', -60);
        await mk('d1', -30);
        await submit('d1');
        assert.equal((await store.drafts.findOpen(ALEX, at(1)))?.id, 'older');
      });

      it('is idempotent: the same incident id again returns the first incident and takes no new number', async () => {
        const first = await submit('d1');
        const retry = reportFixture({ description: 'Andra försöket att skicka samma rapport.' });
        const again = await submit('d1', { reportedAt: at(5), report: retry });
        assert.equal(again.created, false);
        assert.deepEqual(again.incident, first.incident);
        assert.equal(again.incident.caseNumber, '2026-0001');
        assert.equal((await store.incidents.timeline('inc-d1')).length, 1, 'no second reported event');
        assert.equal((await submit('d2')).incident.caseNumber, '2026-0002', 'no number was used up');
      });

      it('returns the same incident to concurrent duplicate submits', async () => {
        const results = await Promise.all(range(5).map(() => submit('d1')));
        assert.equal(results.filter((r) => r.created).length, 1);
        assert.deepEqual(new Set(results.map((r) => r.incident.caseNumber)), new Set(['2026-0001']));
        assert.equal((await submit('d2')).incident.caseNumber, '2026-0002');
      });

      it('gives 50 concurrent submissions 50 distinct, gap-free case numbers 0001..0050', async () => {
        const results = await Promise.all(range(50).map((i) => submit(`c${i}`, { reportedAt: at(i) })));
        assert.ok(results.every((r) => r.created));
        const sequences = results.map((r) => seqOf(r.incident.caseNumber)).sort((a, b) => a - b);
        assert.deepEqual(sequences, range(50).map((i) => i + 1));
        assert.equal(new Set(results.map((r) => r.incident.id)).size, 50);
        for (const r of results) {
          assert.equal((await store.incidents.get(r.incident.id))?.caseNumber, r.incident.caseNumber);
          assert.equal((await store.incidents.timeline(r.incident.id)).length, 1);
        }
      });
    });

    describe('get and listByReporter', () => {
      it('returns undefined for an unknown incident', async () => {
        assert.equal(await store.incidents.get('inc-nope'), undefined);
      });

      it('lists the reporter’s incidents newest first, up to the limit, and only theirs', async () => {
        await submit('a1', { reportedAt: at(10) });
        await submit('m1', { reportedAt: at(15), reporterId: MEGAN, reporterName: 'Megan Bowen' });
        await submit('a2', { reportedAt: at(30) });
        await submit('a3', { reportedAt: at(20) });
        await submit('m2', { reportedAt: at(40), reporterId: MEGAN, reporterName: 'Megan Bowen' });

        const ids = async (reporter: string, limit: number) => (await store.incidents.listByReporter(reporter, limit)).map((i) => i.id);
        assert.deepEqual(await ids(ALEX, 10), ['inc-a2', 'inc-a3', 'inc-a1']);
        assert.deepEqual(await ids(ALEX, 2), ['inc-a2', 'inc-a3']);
        assert.deepEqual(await ids(MEGAN, 10), ['inc-m2', 'inc-m1']);
        assert.deepEqual(await ids(MANAGER, 10), []);
        const [newest] = await store.incidents.listByReporter(ALEX, 1);
        assert.deepEqual(newest, await store.incidents.get('inc-a2'), 'whole incidents');
      });

      it('lists the current version after events were appended', async () => {
        await submit('a1');
        const event = { type: 'information-added' as const, at: at(5).toISOString(), actorId: ALEX, text: 'Hen ringde igen.' };
        await store.incidents.append('inc-a1', 1, event);
        const [listed] = await store.incidents.listByReporter(ALEX, 5);
        assert.equal(listed.version, 2);
      });
    });

    describe('append and timeline', () => {
      const info = (minutes: number, text: string, actorId = ALEX) => ({
        type: 'information-added' as const,
        at: at(minutes).toISOString(),
        actorId,
        text,
      });

      it('appends events as seq 2, 3 … and bumps the version each time', async () => {
        await submit('d1');
        const v2 = await store.incidents.append('inc-d1', 1, info(10, 'Hen har även skrivit på Facebook om mig.'));
        assert.equal(v2.version, 2);
        const v3 = await store.incidents.append('inc-d1', 2, info(20, 'Jag har pratat med min chef.', MANAGER));
        assert.equal(v3.version, 3);
        assert.equal(v3.caseNumber, '2026-0001');
        assert.equal(v3.status, 'reported');
        assert.deepEqual(v3.report, reportFixture(), 'the report itself is never edited');
        assert.deepEqual(await store.incidents.get('inc-d1'), v3);

        assert.deepEqual(await store.incidents.timeline('inc-d1'), [
          { incidentId: 'inc-d1', seq: 1, type: 'reported', at: T0.toISOString(), actorId: ALEX, report: reportFixture() },
          { incidentId: 'inc-d1', seq: 2, ...info(10, 'Hen har även skrivit på Facebook om mig.') },
          { incidentId: 'inc-d1', seq: 3, ...info(20, 'Jag har pratat med min chef.', MANAGER) },
        ]);
      });

      it('refuses a stale version with VersionConflictError and appends nothing', async () => {
        await submit('d1');
        await store.incidents.append('inc-d1', 1, info(10, 'Första tillägget.'));
        await assert.rejects(store.incidents.append('inc-d1', 1, info(11, 'Skrivet i en gammal flik.')), (err: unknown) => {
          assert.ok(err instanceof VersionConflictError);
          assert.equal(err.entity, 'incident');
          assert.equal(err.id, 'inc-d1');
          return true;
        });
        await assert.rejects(store.incidents.append('inc-d1', 7, info(12, 'Från framtiden.')), VersionConflictError);
        assert.equal((await store.incidents.get('inc-d1'))?.version, 2);
        assert.deepEqual((await store.incidents.timeline('inc-d1')).map((e) => e.text ?? e.type), ['reported', 'Första tillägget.']);
      });

      it('lets exactly one of two appends on the same version win', async () => {
        await submit('d1');
        const results = await Promise.allSettled([
          store.incidents.append('inc-d1', 1, info(10, 'Från chefen.', MANAGER)),
          store.incidents.append('inc-d1', 1, info(10, 'Från medarbetaren.')),
        ]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.equal(lost.length, 1);
        assert.ok(lost[0].reason instanceof VersionConflictError);
        assert.deepEqual((await store.incidents.timeline('inc-d1')).map((e) => e.seq), [1, 2]);
      });

      it('refuses an append to an incident that does not exist', async () => {
        await assert.rejects(store.incidents.append('inc-nope', 1, info(1, 'Till ingen.')));
        assert.deepEqual(await store.incidents.timeline('inc-nope'), []);
      });

      it('keeps each incident’s timeline apart', async () => {
        await submit('d1');
        await submit('d2', { reporterId: MEGAN, reporterName: 'Megan Bowen' });
        await store.incidents.append('inc-d2', 1, info(5, 'Bara för d2.', MEGAN));
        assert.deepEqual((await store.incidents.timeline('inc-d1')).map((e) => e.seq), [1]);
        assert.deepEqual((await store.incidents.timeline('inc-d2')).map((e) => [e.seq, e.actorId]), [
          [1, MEGAN],
          [2, MEGAN],
        ]);
      });

      it('stores hostile text verbatim', async () => {
        await submit('d1');
        const text = `'); DELETE FROM incident_events; -- <script>alert(1)</script> \${secret} [x](javascript:alert(1)) åäö`;
        await store.incidents.append('inc-d1', 1, info(3, text));
        assert.equal((await store.incidents.timeline('inc-d1'))[1].text, text);
      });
    });

    if (openTwins) {
      describe('two handles on one store (two processes)', () => {
        let a: Store;
        let b: Store;
        beforeEach(async () => ([a, b] = await openTwins()));
        afterEach(async () => {
          await a.close();
          await b.close();
        });

        it('allocates distinct, gap-free case numbers to interleaved submissions from both', async () => {
          const results = await Promise.all(
            range(40).map((i) => (i % 2 === 0 ? a : b).incidents.submit(newIncidentFixture(`t${i}`, { reportedAt: at(i) }))),
          );
          assert.ok(results.every((r) => r.created));
          const sequences = results.map((r) => seqOf(r.incident.caseNumber)).sort((x, y) => x - y);
          assert.deepEqual(sequences, range(40).map((i) => i + 1));
          assert.equal((await a.incidents.listByReporter(ALEX, 100)).length, 40);
        });

        it('sees one handle’s incident, and its idempotent resubmit, from the other', async () => {
          const first = await a.incidents.submit(newIncidentFixture('d1'));
          const again = await b.incidents.submit(newIncidentFixture('d1'));
          assert.equal(again.created, false);
          assert.equal(again.incident.caseNumber, first.incident.caseNumber);
          assert.equal((await b.incidents.submit(newIncidentFixture('d2'))).incident.caseNumber, '2026-0002');
        });

        it('refuses a stale append made through the other handle', async () => {
          await a.incidents.submit(newIncidentFixture('d1'));
          await a.incidents.append('inc-d1', 1, { type: 'information-added', at: at(1).toISOString(), actorId: ALEX, text: 'Via a.' });
          await assert.rejects(
            b.incidents.append('inc-d1', 1, { type: 'information-added', at: at(2).toISOString(), actorId: MANAGER, text: 'Via b.' }),
            VersionConflictError,
          );
          assert.deepEqual((await b.incidents.timeline('inc-d1')).map((e) => e.text ?? e.type), ['reported', 'Via a.']);
        });
      });
    }
  });
}
