import { strict as assert } from 'node:assert';
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { openDatabase } from '../../src/store/sqlite/database';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { maxInWindow } from '../helpers/delivery-setup';
import { tempDbFile } from '../helpers/trygg-instance';
import { sendSlotStoreContract } from './send-slot-store.contract';

sendSlotStoreContract('sqlite', async () => {
  const store = openSqliteStore(tempDbFile());
  return { slots: store.sendSlots, close: () => store.close() };
});

const LIMITS = { perConversationPerSecond: 7, perConversationPer30s: 60, perTenantPerSecond: 30 };

describe('sqlite send slots: shared by processes', function () {
  this.timeout(60_000);

  it('bookings of two processes on one file together keep every limit', async () => {
    const file = tempDbFile();
    openSqliteStore(file).close();
    const now = Date.now();
    // Both wait for this moment (after their start-up), then book at once.
    const startAt = now + 5000;
    const worker = path.join(__dirname, '..', 'helpers', 'send-slot-booker.ts');
    // Both book 120 slots at once for the same 4 conversations of one tenant.
    const run = (name: string) =>
      new Promise<number[]>((resolve, reject) => {
        const child = fork(worker, [file, String(now), name, JSON.stringify(LIMITS), String(startAt)], { execArgv: ['-r', 'ts-node/register/transpile-only'] });
        let times: number[] | undefined;
        child.on('message', (m) => (times = m as number[]));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 && times ? resolve(times) : reject(new Error(`${name} exited ${code}`))));
      });
    const [a, b] = await Promise.all([run('a'), run('b')]);
    assert.equal(a.length + b.length, 240);

    const db = openDatabase(file);
    try {
      const rows = db.prepare('SELECT scope, at FROM send_slots ORDER BY at').all() as { scope: string; at: number }[];
      const byScope = new Map<string, number[]>();
      for (const r of rows) byScope.set(r.scope, [...(byScope.get(r.scope) ?? []), r.at]);
      assert.deepEqual([...byScope.keys()].sort(), ['c:conv-0', 'c:conv-1', 'c:conv-2', 'c:conv-3', 't:tenant']);
      assert.equal(byScope.get('t:tenant')!.length, 240, 'every booking is stored');
      for (const [scope, times] of byScope) {
        if (scope.startsWith('c:')) {
          assert.ok(maxInWindow(times, 1000) <= 7, `${scope}: ${maxInWindow(times, 1000)} in a second`);
          assert.ok(maxInWindow(times, 30_000) <= 60, `${scope}: ${maxInWindow(times, 30_000)} in 30 s`);
        } else assert.ok(maxInWindow(times, 1000) <= 30, `tenant: ${maxInWindow(times, 1000)} in a second`);
      }
      // The two processes' slots interleave (about 60 switches when they book at once; one if they
      // had booked one after the other): each booked while the other did.
      const mine = new Set(a);
      const switches = [...b, ...a].sort((x, y) => x - y).filter((t, i, all) => i > 0 && mine.has(t) !== mine.has(all[i - 1])).length;
      assert.ok(switches >= 20, `the processes booked at the same time (${switches} switches between them)`);
    } finally {
      db.close();
    }
  });

  it('forgets slots older than the longest window as bookings go', async () => {
    const file = tempDbFile();
    const store = openSqliteStore(file);
    const db = openDatabase(file);
    const t0 = Date.parse('2026-12-07T10:00:00Z');
    try {
      for (let i = 0; i < 10; i++) await store.sendSlots.book(`old-${i}`, 'tenant', t0, LIMITS, 0);
      const count = () => (db.prepare('SELECT count(*) AS n FROM send_slots').get() as { n: number }).n;
      assert.equal(count(), 20, 'one row per conversation and one per tenant for each booking');
      await store.sendSlots.book('new', 'tenant', t0 + 31_000, LIMITS, 0);
      assert.equal(count(), 22, 'kept while a process with the largest margin (5 s) still counts them');
      await store.sendSlots.book('new', 'tenant', t0 + 36_000, LIMITS, 0);
      assert.equal(count(), 4, 'only the new bookings are left');
    } finally {
      db.close();
      await store.close();
    }
  });
});
