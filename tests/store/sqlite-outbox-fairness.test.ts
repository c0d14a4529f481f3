import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { caseNotification, type Notification } from '../../src/domain/notification';
import type { Store } from '../../src/store/ports';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { tempDbFile } from '../helpers/trygg-instance';
import { newIncidentFixture } from './incident-store.contract';

const T0 = new Date('2026-11-23T09:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('sqlite outbox: fair claims between conversations', () => {
  let store: Store;
  let folder: string;
  beforeEach(async () => {
    const file = tempDbFile();
    folder = path.dirname(file);
    store = openSqliteStore(file);
    await store.incidents.submit(newIncidentFixture('d1'));
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const toPerson = (i: number, personId: string, seconds: number): Notification =>
    caseNotification({ id: 'inc-d1', districtId: 'district-norr', tenantId: 't' }, `n-${personId}-${i}`, 'reminder', {
      role: 'assignee',
      target: { kind: 'person', personId },
      detail: 'full',
    }, at(seconds));
  const toChannel = (i: number, seconds: number): Notification =>
    caseNotification({ id: 'inc-d1', districtId: 'district-norr', tenantId: 't' }, `n-channel-${i}`, 'report', {
      role: 'security-coordinator',
      target: { kind: 'district-channel', districtId: 'district-norr' },
      detail: 'redacted',
    }, at(seconds));

  it('takes turns between conversations: a big backlog for one does not hold back the others', async () => {
    for (let i = 0; i < 100; i++) await store.outbox.add(toChannel(i, i)); // an old backlog in one channel
    for (let i = 0; i < 3; i++) await store.outbox.add(toPerson(i, 'megan', 200 + i)); // newer, to two people
    for (let i = 0; i < 3; i++) await store.outbox.add(toPerson(i, 'adele', 300 + i));
    const claimed = (await store.outbox.claim('p1', at(1000), 60_000, 9)).map((n) => n.id);
    assert.deepEqual(claimed, [
      'n-channel-0', 'n-megan-0', 'n-adele-0',
      'n-channel-1', 'n-megan-1', 'n-adele-1',
      'n-channel-2', 'n-megan-2', 'n-adele-2',
    ]);
  });

  it('still takes each conversation oldest first, and only what is due and not leased', async () => {
    for (let i = 0; i < 5; i++) await store.outbox.add(toPerson(i, 'megan', i));
    await store.outbox.add(toPerson(9, 'megan', 5000)); // not due yet
    const first = (await store.outbox.claim('p1', at(100), 60_000, 2)).map((n) => n.id);
    const second = (await store.outbox.claim('p2', at(100), 60_000, 10)).map((n) => n.id);
    assert.deepEqual(first, ['n-megan-0', 'n-megan-1']);
    assert.deepEqual(second, ['n-megan-2', 'n-megan-3', 'n-megan-4']);
  });
});
