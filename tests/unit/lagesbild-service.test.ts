import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { fixedDirectory } from '../../src/directory/directory';
import * as path from 'node:path';
import { newCaseFile } from '../../src/domain/case-file';
import type { Incident } from '../../src/domain/incident';
import type { Organisation } from '../../src/domain/organisation';
import { parsePeriod } from '../../src/domain/period';
import { LagesbildService } from '../../src/services/lagesbild-service';
import type { Store } from '../../src/store/ports';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { tempDbFile } from '../helpers/trygg-instance';
import { newIncidentFixture } from '../store/incident-store.contract';

const NOW = new Date('2026-11-23T10:00:00Z');
const HOUR = 3_600_000;

const ORG: Organisation = {
  districts: [
    { id: 'norr', name: 'Norra förvaltningen', coordinatorIds: ['coord-norr'] },
    { id: 'soder', name: 'Södra förvaltningen', coordinatorIds: ['coord-soder'] },
  ],
  units: [
    { id: 'norr-a', name: 'Norr A', districtId: 'norr', managerId: 'mgr-a', staffIds: ['staff'] },
    { id: 'norr-b', name: 'Norr B', districtId: 'norr', managerId: 'mgr-b', secondLineManagerId: 'second', staffIds: [] },
    { id: 'soder-a', name: 'Söder A', districtId: 'soder', managerId: 'mgr-s', secondLineManagerId: 'second', staffIds: [] },
  ],
  citySecurityIds: ['city'],
  people: {},
  adminIds: ['admin'],
};

/**
 * 30 cases in the last 30 days: norr-a 12, norr-b 8, soder-a 10, one every 20 hours back from now,
 * acknowledgement due 2 hours after the report; every third one acknowledged (no deadline left).
 */
async function fill(store: Store): Promise<Incident[]> {
  const out: Incident[] = [];
  for (let i = 0; i < 30; i++) {
    const unitId = i < 12 ? 'norr-a' : i < 20 ? 'norr-b' : 'soder-a';
    const reportedAt = new Date(NOW.getTime() - (i + 1) * 20 * HOUR);
    const base = newIncidentFixture(`s${i}`, { reportedAt, caseYear: 2026 });
    const { incident } = await store.incidents.submit({
      ...base,
      districtId: unitId.startsWith('norr') ? 'norr' : 'soder',
      report: { ...base.report, unitId, perceivedSerious: 'no', injuries: ['none'] },
      caseFile: newCaseFile(['mgr'], new Date(reportedAt.getTime() + 2 * HOUR)),
    });
    if (i % 3 === 0) {
      const c = { ...incident.case, acknowledged: { by: 'mgr', at: new Date(reportedAt.getTime() + HOUR).toISOString() } };
      out.push(
        await store.incidents.change({
          next: { ...incident, version: 2, status: 'acknowledged', case: c },
          expectedVersion: 1,
          event: { type: 'case-acknowledge', at: c.acknowledged.at, actorId: 'mgr' },
        }),
      );
    } else out.push(incident);
  }
  return out;
}

describe('lägesbild service', () => {
  let store: Store;
  let dir: string;
  let incidents: Incident[];
  let service: LagesbildService;
  const period = parsePeriod('30d', NOW)!;

  before(async () => {
    const file = tempDbFile();
    dir = path.dirname(file);
    store = openSqliteStore(file);
    incidents = await fill(store);
    service = new LagesbildService({ store, directory: fixedDirectory(ORG), clock: () => NOW, suppressionThreshold: 5 });
  });
  after(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ok = <T extends { kind: string }>(r: T): Extract<T, { kind: 'ok' }> => {
    assert.equal(r.kind, 'ok');
    return r as Extract<T, { kind: 'ok' }>;
  };

  describe('lägesbild', () => {
    it('refuses staff and people without a role politely (forbidden), whatever they ask for', async () => {
      for (const who of ['staff', 'admin', 'stranger']) {
        assert.deepEqual(await service.lagesbild(who, { period }), { kind: 'forbidden' });
        assert.deepEqual(await service.lagesbild(who, { period, districtId: 'nowhere' }), { kind: 'forbidden' });
      }
    });

    it('city security sees the whole city, or one district', async () => {
      const city = ok(await service.lagesbild('city', { period })).view;
      assert.equal(city.total.cell, 30);
      assert.equal(city.scope.wholeCity, true);
      assert.deepEqual(city.scope.districts.map((d) => d.name), ['Norra förvaltningen', 'Södra förvaltningen']);
      assert.deepEqual(city.dimensions[1].rows.map((r) => [r.code, r.cell]), [['norr-a', 12], ['norr-b', 8], ['soder-a', 10]]);
      const soder = ok(await service.lagesbild('city', { period, districtId: 'soder' })).view;
      assert.equal(soder.total.cell, 10);
      assert.equal(soder.scope.wholeCity, false);
      assert.deepEqual(soder.dimensions[1].rows.map((r) => r.code), ['soder-a']);
    });

    it('a coordinator sees their district; another district is forbidden, an unknown one is named as such', async () => {
      const norr = ok(await service.lagesbild('coord-norr', { period })).view;
      assert.equal(norr.total.cell, 20);
      assert.deepEqual(norr.scope.districts, [{ id: 'norr', name: 'Norra förvaltningen' }]);
      assert.deepEqual(await service.lagesbild('coord-norr', { period, districtId: 'soder' }), { kind: 'forbidden' });
      assert.deepEqual(await service.lagesbild('coord-norr', { period, districtId: 'vaster' }), { kind: 'unknown-district' });
    });

    it('a manager sees their own unit; a second-line manager their units, across districts', async () => {
      const a = ok(await service.lagesbild('mgr-a', { period })).view;
      assert.equal(a.total.cell, 12);
      assert.equal(a.scope.kind, 'units');
      assert.deepEqual(a.dimensions[1].rows.map((r) => [r.code, r.cell]), [['norr-a', 12]]);
      const second = ok(await service.lagesbild('second', { period })).view;
      assert.equal(second.total.cell, 18);
      assert.deepEqual(second.scope.districts.map((d) => d.id), ['norr', 'soder']);
      const secondNorr = ok(await service.lagesbild('second', { period, districtId: 'norr' })).view;
      assert.equal(secondNorr.total.cell, 8);
      assert.deepEqual(await service.lagesbild('mgr-a', { period, districtId: 'soder' }), { kind: 'forbidden' });
    });

    it('compares with the 30 whole days before, and counts open and overdue now', async () => {
      const view = ok(await service.lagesbild('coord-norr', { period })).view;
      assert.equal(view.previousPeriod.label, '2026-09-25..2026-10-24');
      // Norr: 20 cases, 7 acknowledged (i = 0, 3, …, 18): 13 open with a passed acknowledgement deadline.
      assert.deepEqual(view.total, { cell: 20, previous: 0, trend: { difference: 20, relative: undefined } });
      assert.deepEqual([view.open.open, view.open.overdue], [20, 13]);
      assert.deepEqual(view.medians.acknowledge, { kind: 'range', fromMinutes: 60, toMinutes: 120 });
    });
  });

  describe('case lists', () => {
    it('pages the open cases in scope, longest overdue first', async () => {
      const first = ok(await service.cases('coord-norr', { overdueOnly: true, page: 1, pageSize: 5 }));
      assert.equal(first.total, 13);
      assert.deepEqual([first.page, first.pageSize, first.rows.length], [1, 5, 5]);
      const oldest = incidents.slice(0, 20).filter((_, i) => i % 3 !== 0).reverse();
      assert.deepEqual(first.rows.map((r) => r.incidentId), oldest.slice(0, 5).map((i) => i.id));
      const third = ok(await service.cases('coord-norr', { overdueOnly: true, page: 3, pageSize: 5 }));
      assert.deepEqual(third.rows.map((r) => r.incidentId), oldest.slice(10).map((i) => i.id));
      const all = ok(await service.cases('coord-norr', { overdueOnly: false, page: 1, pageSize: 50 }));
      assert.equal(all.total, 20);
      assert.equal(all.rows.length, 20);
      assert.ok(all.rows.every((r) => r.districtId === 'norr'));
    });

    it('clamps page and page size, and refuses staff', async () => {
      const r = ok(await service.cases('mgr-a', { overdueOnly: false, page: -3, pageSize: 1000 }));
      assert.deepEqual([r.page, r.pageSize, r.total, r.rows.length], [1, 50, 12, 12]);
      assert.deepEqual(await service.cases('staff', { overdueOnly: false, page: 1, pageSize: 10 }), { kind: 'forbidden' });
    });
  });

  describe('finding a case', () => {
    it('finds a case in scope by its number as typed, and tells nothing about others', async () => {
      const inNorr = incidents[0];
      const typed = inNorr.caseNumber.replace(/-0+/, '-');
      assert.deepEqual(await service.findCase('coord-norr', typed), { kind: 'ok', incidentId: inNorr.id });
      assert.deepEqual(await service.findCase('mgr-a', ` ${inNorr.caseNumber} `), { kind: 'ok', incidentId: inNorr.id });
      assert.deepEqual(await service.findCase('coord-soder', inNorr.caseNumber), { kind: 'not-found' });
      assert.deepEqual(await service.findCase('mgr-b', inNorr.caseNumber), { kind: 'not-found' });
      assert.deepEqual(await service.findCase('coord-norr', '2026-9999'), { kind: 'not-found' });
      assert.deepEqual(await service.findCase('coord-norr', 'DROP TABLE'), { kind: 'not-found' });
      assert.deepEqual(await service.findCase('staff', inNorr.caseNumber), { kind: 'forbidden' });
    });
  });

  describe('export', () => {
    it('one row per case of the period in scope, oldest first, without ids of people', async () => {
      const rows = ok(await service.exportRows('coord-soder', { period })).rows;
      assert.deepEqual(rows.map((r) => r.incidentId), incidents.slice(20).reverse().map((i) => i.id));
      assert.ok(rows.every((r) => r.assigneeIds.length === 0));
      assert.equal(ok(await service.exportRows({ admin: true }, { period })).rows.length, 30);
      assert.equal(ok(await service.exportRows({ admin: true }, { period, districtId: 'norr' })).rows.length, 20);
      assert.equal(ok(await service.exportRows('mgr-b', { period })).rows.length, 8);
      assert.deepEqual(await service.exportRows('staff', { period }), { kind: 'forbidden' });
      assert.deepEqual(await service.exportRows('coord-soder', { period, districtId: 'norr' }), { kind: 'forbidden' });
      const week = parsePeriod('7d', NOW)!;
      assert.equal(ok(await service.exportRows('city', { period: week })).rows.length, 7);
    });
  });
});
