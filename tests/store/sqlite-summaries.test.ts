import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { newCaseFile } from '../../src/domain/case-file';
import { summaryOf } from '../../src/domain/case-summary';
import type { Incident } from '../../src/domain/incident';
import { addCounters, contributionOf, type Counters } from '../../src/domain/lagesbild-counters';
import { openDatabase } from '../../src/store/sqlite/database';
import { MIGRATIONS } from '../../src/store/sqlite/migrations';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { tempDbFile } from '../helpers/trygg-instance';
import { reportFixture } from './incident-store.contract';
import { summaryStoreContract } from './summary-store.contract';
import { decodeCounters } from '../../src/store/sqlite/counter-codec';
import { applyStep, CaseHistoryGenerator } from '../bench/lagesbild-data';
import { benchIncidentId, bulkFill, openForFill } from '../bench/lagesbild-fill';

/** Temp folders of this file's databases, removed after each test (with their WAL files). */
const folders: string[] = [];
function freshFile(): string {
  const file = tempDbFile();
  folders.push(path.dirname(file));
  return file;
}

describe('sqlite summary store', () => {
  afterEach(() => {
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  summaryStoreContract('sqlite', async () => openSqliteStore(freshFile()));

  it('migration 6 fills summaries and counters from the incidents stored before it', async () => {
    const file = freshFile();
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version <= 5));
    const insert = old.prepare(
      `INSERT INTO incidents (id, case_number, district_id, unit_id, reporter_id, reported_at, status, version, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const incidents: Incident[] = [];
    for (let i = 0; i < 2500; i++) {
      const reportedAt = new Date(Date.UTC(2025, 0, 1) + i * 3 * 3_600_000).toISOString();
      const unitId = ['u1', 'u2', 'u3'][i % 3];
      const incident: Incident = {
        id: `inc-${i}`,
        caseNumber: `2025-${String(i + 1).padStart(4, '0')}`,
        tenantId: 't',
        districtId: i % 3 === 2 ? 'd2' : 'd1',
        unitId,
        reporterId: 'r',
        reporterName: 'R',
        reportedAt,
        status: i % 4 === 0 ? 'closed' : 'reported',
        version: 1,
        report: reportFixture({ unitId, forms: i % 5 === 0 ? ['violence'] : ['harassment'] }),
        case: { ...newCaseFile(['m'], new Date(reportedAt)), ...(i % 4 === 0 ? { closed: { by: 'm', at: reportedAt } } : {}) },
      };
      // Incidents stored before case handling have no case file.
      const body = i === 7 ? JSON.stringify({ ...incident, case: undefined }) : JSON.stringify(incident);
      insert.run(incident.id, incident.caseNumber, incident.districtId, unitId, 'r', reportedAt, incident.status, 1, body);
      incidents.push(i === 7 ? { ...incident, case: newCaseFile([], new Date(reportedAt)) } : incident);
    }
    old.close();

    const store = openSqliteStore(file);
    try {
      const expected = (keep: (i: Incident) => boolean): Counters =>
        incidents.filter(keep).reduce((sum, i) => addCounters(sum, contributionOf(summaryOf(i))), {} as Counters);
      const all = { kind: 'districts' as const, districtIds: ['d1', 'd2'] };
      assert.deepEqual(await store.summaries.counters(all, '2024-01-01', '2027-01-01'), expected(() => true));
      assert.deepEqual(
        await store.summaries.counters({ kind: 'units', units: [{ districtId: 'd1', unitId: 'u2' }] }, '2025-02-01', '2025-03-15'),
        expected((i) => i.unitId === 'u2' && i.reportedAt >= '2025-01-31T23:00:00.000Z' && i.reportedAt < '2025-03-14T23:00:00.000Z'),
      );
      const open = incidents.filter((i) => i.status !== 'closed').length;
      assert.equal((await store.summaries.openCounts(all, new Date('2024-01-01'))).open, open);
      assert.deepEqual(await store.summaries.byCaseNumber('2025-0008'), summaryOf(incidents[7]));
    } finally {
      await store.close();
    }
  });

  it("the benchmark's bulk fill leaves exactly the rows that submit and change leave", async function () {
    this.timeout(120_000);
    const now = new Date('2026-11-23T10:00:00Z');
    const count = 300;
    const bulkFile = freshFile();
    const bulk = openForFill(bulkFile);
    bulkFill(bulk, count, now, 7, () => undefined, 64);
    bulk.close();

    const storeFile = freshFile();
    const store = openSqliteStore(storeFile);
    const generator = new CaseHistoryGenerator(7, count, now);
    let changes = 0;
    for (let i = 0; i < count; i++) {
      const h = generator.history(i, benchIncidentId(i));
      let incident = (await store.incidents.submit(h.input)).incident;
      for (const step of h.steps) {
        const next = applyStep(incident, step);
        incident = await store.incidents.change({ next, expectedVersion: incident.version, event: { type: 'case-security-note', at: step.at.toISOString(), actorId: 'm' } });
        changes++;
      }
    }
    await store.close();
    assert.ok(changes > count, 'the cases were handled');

    const read = (file: string) => {
      const db = openDatabase(file);
      try {
        return {
          incidents: (db.prepare('SELECT * FROM incidents ORDER BY id').all() as Array<Record<string, unknown>>).map((r) => ({ ...r, body: JSON.parse(r.body as string) })),
          numbers: db.prepare('SELECT * FROM case_counters ORDER BY year').all(),
          summaries: (db.prepare('SELECT * FROM case_summaries ORDER BY incident_id').all() as Array<Record<string, unknown>>).map((r) => ({ ...r, body: JSON.parse(r.body as string) })),
          counters: (db.prepare('SELECT * FROM lagesbild_counters ORDER BY district_id, scope_key, grain, bucket').all() as Array<Record<string, unknown>>)
            .map((r) => ({ ...r, body: decodeCounters(r.body as string) }))
            .filter((r) => Object.keys(r.body).length > 0),
        };
      } finally {
        db.close();
      }
    };
    const a = read(bulkFile);
    const b = read(storeFile);
    assert.equal(a.incidents.length, count);
    assert.deepEqual(a.incidents, b.incidents);
    assert.deepEqual(a.numbers, b.numbers);
    assert.deepEqual(a.summaries, b.summaries);
    assert.ok(a.counters.length > 100);
    assert.deepEqual(a.counters, b.counters);
  });
});
