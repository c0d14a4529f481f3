import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { NewIncident } from '../../src/domain/incident';
import { newDraft } from '../../src/domain/report-draft';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { tempDbFile } from '../helpers/trygg-instance';
import { draftStoreContract } from './draft-store.contract';
import { incidentStoreContract, newIncidentFixture } from './incident-store.contract';

draftStoreContract('sqlite', async () => openSqliteStore(tempDbFile()));
incidentStoreContract(
  'sqlite',
  async () => openSqliteStore(tempDbFile()),
  async () => {
    const file = tempDbFile();
    return [openSqliteStore(file), openSqliteStore(file)];
  },
);

/**
 * Submits `inputs` one after another from a worker thread with its own SQLite connection, starting
 * when told to, so that several threads really write the file at the same time.
 */
function submitter(file: string, inputs: NewIncident[]): { ready: Promise<void>; go: () => void; done: Promise<string[]> } {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    require(workerData.tsNode);
    const { openSqliteStore } = require(workerData.storeModule);
    const store = openSqliteStore(workerData.file);
    parentPort.once('message', async () => {
      try {
        const numbers = [];
        for (const input of workerData.inputs) numbers.push((await store.incidents.submit(input)).incident.caseNumber);
        parentPort.postMessage({ numbers });
      } catch (err) {
        parentPort.postMessage({ error: String(err && err.stack || err) });
      } finally {
        await store.close();
      }
    });
    parentPort.postMessage({ ready: true });
  `;
  const worker = new Worker(code, {
    eval: true,
    workerData: {
      file,
      inputs,
      tsNode: require.resolve('ts-node/register/transpile-only'),
      storeModule: path.resolve(__dirname, '../../src/store/sqlite/sqlite-store.ts'),
    },
  });
  const failed = new Promise<never>((_, reject) => {
    worker.on('error', reject);
    worker.on('exit', (exitCode) => reject(new Error(`worker exited with ${exitCode} before answering`)));
  });
  failed.catch(() => undefined); // observed through ready and done
  const ready = Promise.race([new Promise<void>((resolve) => worker.once('message', () => resolve())), failed]);
  const done = Promise.race([
    new Promise<string[]>((resolve, reject) =>
      worker.on('message', (m: { numbers?: string[]; error?: string }) => {
        if (m.numbers) resolve(m.numbers);
        if (m.error) reject(new Error(`worker failed: ${m.error}`));
      }),
    ),
    failed,
  ]);
  return { ready, go: () => worker.postMessage('go'), done };
}

describe('sqlite incident store', () => {
  it('makes incident events append-only: UPDATE and DELETE on the file are refused', async () => {
    const file = tempDbFile();
    const store = openSqliteStore(file);
    await store.incidents.submit(newIncidentFixture('d1'));
    await store.close();

    const raw = new Database(file);
    try {
      assert.throws(() => raw.prepare("UPDATE incident_events SET actor_id = 'someone-else'").run(), /append-only/);
      assert.throws(() => raw.prepare("UPDATE incident_events SET body = '{}' WHERE seq = 1").run(), /append-only/);
      assert.throws(() => raw.prepare('DELETE FROM incident_events').run(), /append-only/);
      assert.throws(() => raw.prepare("DELETE FROM incident_events WHERE incident_id = 'inc-d1'").run(), /append-only/);
      assert.throws(
        () =>
          raw
            .prepare(
              `INSERT OR REPLACE INTO incident_events (incident_id, seq, type, at, actor_id, body)
               VALUES ('inc-d1', 1, 'reported', '2020-01-01T00:00:00.000Z', 'forger', '{}')`,
            )
            .run(),
        /append-only/,
        'REPLACE cannot take the place of an event',
      );
      const body = JSON.parse((raw.prepare('SELECT body FROM incident_events WHERE seq = 1').get() as { body: string }).body);
      assert.deepEqual(body.report, newIncidentFixture('d1').report, 'the submitted report is in the append-only record');
      const rows = raw.prepare('SELECT incident_id, seq, type, actor_id FROM incident_events').all();
      assert.deepEqual(rows, [{ incident_id: 'inc-d1', seq: 1, type: 'reported', actor_id: newIncidentFixture('d1').reporterId }]);
    } finally {
      raw.close();
    }
  });

  it('rolls the whole submit back when a step fails: no number used, no event, draft still open', async () => {
    const file = tempDbFile();
    const store = openSqliteStore(file);
    const reporterId = newIncidentFixture('d1').reporterId;
    try {
      const now = new Date('2026-03-02T09:00:00Z');
      await store.drafts.save(newDraft({ id: 'd1', userId: reporterId, tenantId: 't', now, ttlDays: 14 }));
      // Make the incident insert fail after the counter has moved: a foreign row already holds 2026-0001.
      const raw = new Database(file);
      raw
        .prepare(
          `INSERT INTO incidents (id, case_number, district_id, unit_id, reporter_id, reported_at, status, version, body)
           VALUES ('legacy', '2026-0001', 'x', 'x', 'x', '2020-01-01T00:00:00.000Z', 'closed', 1, '{}')`,
        )
        .run();
      raw.close();

      await assert.rejects(store.incidents.submit(newIncidentFixture('d1')), /UNIQUE/);
      assert.equal(await store.incidents.get('inc-d1'), undefined);
      assert.deepEqual(await store.incidents.timeline('inc-d1'), []);
      assert.equal((await store.drafts.findOpen(reporterId, new Date('2026-03-02T09:30:00Z')))?.id, 'd1', 'draft not marked');

      const check = new Database(file, { readonly: true });
      const counter = check.prepare('SELECT last FROM case_counters WHERE year = 2026').get() as { last: number } | undefined;
      check.close();
      assert.equal(counter, undefined, 'the counter increment was rolled back');
    } finally {
      await store.close();
    }
  });

  it('gives gap-free case numbers to two threads and the main thread writing one file at the same time', async function () {
    this.timeout(60_000);
    const file = tempDbFile();
    const main = openSqliteStore(file); // migrates the file before the threads open it
    const perWriter = 30;
    const inputs = (writer: number) =>
      Array.from({ length: perWriter }, (_, i) =>
        newIncidentFixture(`w${writer}-${i}`, { reportedAt: new Date(Date.UTC(2026, 2, 2, 9, writer, i)) }),
      );
    try {
      const workers = [1, 2].map((w) => submitter(file, inputs(w)));
      await Promise.all(workers.map((w) => w.ready));
      workers.forEach((w) => w.go());
      const own: string[] = [];
      for (const input of inputs(0)) own.push((await main.incidents.submit(input)).incident.caseNumber);
      const numbers = [...own, ...(await Promise.all(workers.map((w) => w.done))).flat()];

      const total = 3 * perWriter;
      const sequences = numbers.map((n) => Number(n.split('-')[1])).sort((a, b) => a - b);
      assert.deepEqual(sequences, Array.from({ length: total }, (_, i) => i + 1));
      const all = await main.incidents.listByReporter(newIncidentFixture('x').reporterId, 1000);
      assert.equal(all.length, total);
      assert.equal(new Set(all.map((i) => i.caseNumber)).size, total);
    } finally {
      await main.close();
    }
  });
});
