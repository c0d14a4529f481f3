import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CaseTimer } from '../../src/domain/case-timers';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { tempDbFile } from '../helpers/trygg-instance';
import { caseStoreContract } from './case-store.contract';
import { newIncidentFixture } from './incident-store.contract';

/** Temp folders of this file's databases, removed after each test (with their WAL files). */
const folders: string[] = [];
function freshFile(): string {
  const file = tempDbFile();
  folders.push(path.dirname(file));
  return file;
}

/**
 * Claims due timers two at a time until none are left, from a worker thread with its own SQLite
 * connection, starting when told to — so that several threads really claim from one file at once.
 */
function claimer(file: string, owner: string, now: string): { ready: Promise<void>; go: () => void; done: Promise<string[]> } {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    require(workerData.tsNode);
    const { openSqliteStore } = require(workerData.storeModule);
    const store = openSqliteStore(workerData.file);
    parentPort.once('message', async () => {
      try {
        const ids = [];
        for (;;) {
          const got = await store.timers.claim(workerData.owner, new Date(workerData.now), 60000, 2);
          if (got.length === 0) break;
          ids.push(...got.map((t) => t.id));
        }
        parentPort.postMessage({ ids });
      } catch (err) {
        parentPort.postMessage({ error: String((err && err.stack) || err) });
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
      owner,
      now,
      tsNode: require.resolve('ts-node/register/transpile-only'),
      storeModule: path.resolve(__dirname, '../../src/store/sqlite/sqlite-store.ts'),
    },
  });
  const failed = new Promise<never>((_, reject) => {
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`worker exited with ${code} before answering`)));
  });
  failed.catch(() => undefined); // observed through ready and done
  const ready = Promise.race([new Promise<void>((resolve) => worker.once('message', () => resolve())), failed]);
  const done = Promise.race([
    new Promise<string[]>((resolve, reject) =>
      worker.on('message', (m: { ids?: string[]; error?: string }) => {
        if (m.ids) resolve(m.ids);
        if (m.error) reject(new Error(`worker failed: ${m.error}`));
      }),
    ),
    failed,
  ]);
  return { ready, go: () => worker.postMessage('go'), done };
}

describe('sqlite case store', () => {
  afterEach(() => {
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  caseStoreContract(
    'sqlite',
    async () => openSqliteStore(freshFile()),
    async () => {
      const file = freshFile();
      return [openSqliteStore(file), openSqliteStore(file)];
    },
  );

  it('claims each due timer exactly once when two threads and the main thread claim from one file at once', async function () {
    this.timeout(60_000);
    const file = freshFile();
    const main = openSqliteStore(file); // migrates the file before the threads open it
    const now = new Date('2026-03-03T08:00:00Z');
    try {
      for (let i = 0; i < 20; i++) {
        const input = newIncidentFixture(`tm${i}`, { reportedAt: new Date(Date.UTC(2026, 2, 2, 9, i)) });
        const timers: CaseTimer[] = ['acknowledge', 'escalate-deputy', 'serious'].map((kind, k) => ({
          id: `${input.id}:t:${kind}:1`,
          incidentId: input.id,
          districtId: input.districtId,
          kind: kind as CaseTimer['kind'],
          dueAt: new Date(Date.UTC(2026, 2, 2, 10, i, k)).toISOString(),
        }));
        await main.incidents.submit(input, [], timers);
      }
      const workers = ['w1', 'w2'].map((owner) => claimer(file, owner, now.toISOString()));
      await Promise.all(workers.map((w) => w.ready));
      workers.forEach((w) => w.go());
      const own: string[] = [];
      for (let got = await main.timers.claim('main', now, 60_000, 2); got.length > 0; got = await main.timers.claim('main', now, 60_000, 2)) {
        own.push(...got.map((t) => t.id));
      }
      const all = [...own, ...(await Promise.all(workers.map((w) => w.done))).flat()];
      assert.equal(all.length, 60);
      assert.equal(new Set(all).size, 60, 'no timer claimed twice');
    } finally {
      await main.close();
    }
  });
});
