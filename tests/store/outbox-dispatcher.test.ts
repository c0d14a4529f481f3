import { strict as assert } from 'node:assert';
import type { Incident } from '../../src/domain/incident';
import { fixedDirectory } from '../../src/directory/directory';
import type { Notification } from '../../src/domain/notification';
import { DeliveryError, type Messenger } from '../../src/jobs/messenger';
import { OutboxDispatcher } from '../../src/jobs/outbox-dispatcher';
import { createLogger } from '../../src/log';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/ports';
import { districtPeople, submitIncidents, writeDeliveryOrganisation } from '../helpers/delivery-setup';
import { tempDbFile } from '../helpers/trygg-instance';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A messenger that answers as told, recording what it was asked to send. */
class ScriptedMessenger implements Messenger {
  readonly sent: Array<{ role: string; key: string }> = [];
  constructor(private readonly answer: (n: Notification, key: string) => DeliveryError | undefined) {}
  async deliver(n: Notification, _incident: Incident, key: string): Promise<string> {
    const error = this.answer(n, key);
    if (error) throw error;
    this.sent.push({ role: n.role, key });
    return `activity-${this.sent.length}`;
  }
  readonly updated: Array<{ id: string; key: string; activityId: string }> = [];
  async update(n: Notification, _incident: Incident, key: string, activityId: string): Promise<void> {
    const error = this.answer(n, key);
    if (error) throw error;
    this.updated.push({ id: n.id, key, activityId });
  }
}

describe('outbox dispatcher: giving up and falling back', () => {
  let store: Store;
  let now: Date;
  const org = writeDeliveryOrganisation(fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-org-')), 1).org;

  beforeEach(async () => {
    store = openSqliteStore(tempDbFile());
    now = new Date('2026-11-23T10:00:00Z');
    const p = districtPeople(0);
    for (const person of [p.manager, p.deputy]) await store.conversations.save(`user:${person.aadObjectId}`, { user: { id: 'x' } }, now);
    await store.conversations.save('channel:c0', { conversation: { id: 'c0' } }, now);
    await store.conversations.link({ districtId: 'd0', channelKey: 'channel:c0', linkedBy: 'admin', linkedAt: now.toISOString() });
    await submitIncidents(store, org, 1, 1, now);
  });
  afterEach(async () => store.close());

  const LIMITS = { perConversationPerSecond: 100, perConversationPer30s: 1000, perTenantPerSecond: 100 };
  const dispatcher = (messenger: Messenger, maxAgeMs = 60_000, limits = LIMITS, leaseMs = 60_000) =>
    new OutboxDispatcher({
      store,
      directory: fixedDirectory(org),
      messenger,
      clock: () => now,
      random: () => 0.5,
      log: createLogger('error', () => undefined),
      options: {
        owner: 'test',
        batchSize: 10,
        leaseMs,
        pollMs: 10,
        maxAgeMs,
        backoff: { baseMs: 1000, maxMs: 10_000 },
        limits,
      },
    });

  it('retries with backoff, then gives up after the maximum age, records it and alerts the channel', async () => {
    const manager = `user:${districtPeople(0).manager.aadObjectId}`;
    const messenger = new ScriptedMessenger((_n, key) => (key === manager ? new DeliveryError('retry', 503) : undefined));
    const d = dispatcher(messenger, 5_000);
    await d.runOnce(); // manager fails, channel card sent
    let [toManager] = (await store.outbox.forIncident('inc-load-0')).filter((n) => n.role === 'manager');
    assert.equal(toManager.status, 'pending');
    assert.equal(toManager.nextAttemptAt, new Date(now.getTime() + 750).toISOString(), 'base 1000 ms × jitter 0.75');

    now = new Date(now.getTime() + 6_000); // past the maximum age
    await d.runOnce();
    [toManager] = (await store.outbox.forIncident('inc-load-0')).filter((n) => n.role === 'manager');
    assert.equal(toManager.status, 'dead');
    assert.equal((await store.outbox.stats()).dead, 1, '/readyz shows it');
    const events = (await store.incidents.timeline('inc-load-0')).map((e) => `${e.type}:${e.role ?? ''}`);
    assert.ok(events.includes('notification-failed:manager'));
    assert.ok(events.includes('notification-dead:manager'));

    await d.runOnce(); // the alert to the coordinators
    assert.deepEqual(messenger.sent.map((s) => s.key), ['channel:c0', 'channel:c0'], 'the channel card, then the alert');
  });

  it('honours Retry-After when it is longer than the backoff', async () => {
    const messenger = new ScriptedMessenger((n) => (n.role === 'manager' ? new DeliveryError('retry', 429, 30_000) : undefined));
    await dispatcher(messenger).runOnce();
    const [toManager] = (await store.outbox.forIncident('inc-load-0')).filter((n) => n.role === 'manager');
    assert.equal(toManager.nextAttemptAt, new Date(now.getTime() + 30_000).toISOString());
  });

  it('falls back to the deputy when the bot is not installed for the manager, and records it', async () => {
    const manager = `user:${districtPeople(0).manager.aadObjectId}`;
    const messenger = new ScriptedMessenger((_n, key) => (key === manager ? new DeliveryError('unreachable', 403) : undefined));
    const d = dispatcher(messenger);
    await d.runOnce();
    await d.runOnce();
    assert.deepEqual(messenger.sent.map((s) => s.role).sort(), ['deputy', 'security-coordinator']);
    const events = (await store.incidents.timeline('inc-load-0')).map((e) => `${e.type}:${e.role ?? ''}`);
    assert.ok(events.includes('notification-rerouted:manager'));
    assert.ok(events.includes('assigned:deputy'), 'the deputy handles the case now');
    const incident = (await store.incidents.get('inc-load-0'))!;
    assert.ok(incident.case.assigneeIds.includes(districtPeople(0).deputy.aadObjectId), 'the deputy may act on the report they received');
  });

  it('updates a sent card in place after the case changes, in the conversation it was sent to', async () => {
    const messenger = new ScriptedMessenger(() => undefined);
    const d = dispatcher(messenger);
    await d.runOnce();
    const incident = (await store.incidents.get('inc-load-0'))!;
    const sent = (await store.outbox.forIncident('inc-load-0')).filter((n) => n.status === 'sent');
    await store.incidents.change({
      next: { ...incident, version: incident.version + 1, case: { ...incident.case, highThreat: true } },
      expectedVersion: incident.version,
      event: { type: 'case-high-threat', at: now.toISOString(), actorId: 'coordinator' },
      refreshCards: true,
    });
    await d.runOnce();
    assert.deepEqual(
      messenger.updated.map((u) => `${u.key}:${u.activityId}`).sort(),
      sent.map((n) => `${n.conversationKey}:${n.activityId}`).sort(),
      'each sent card is updated once, where it was sent',
    );
    assert.equal(messenger.sent.length, sent.length, 'nothing is posted again');
  });

  it('spends no rate budget on someone the bot has never talked to: falls back at once', async () => {
    await store.conversations.remove(`user:${districtPeople(0).manager.aadObjectId}`);
    const messenger = new ScriptedMessenger(() => undefined);
    const d = dispatcher(messenger);
    await d.runOnce();
    await d.runOnce();
    assert.deepEqual(messenger.sent.map((s) => s.role).sort(), ['deputy', 'security-coordinator']);
    const reasons = (await store.incidents.timeline('inc-load-0')).filter((e) => e.type === 'notification-rerouted').map((e) => e.reason);
    assert.deepEqual(reasons, ['no-conversation; to deputy']);
  });

  it('gives up at once on a permanent error (400)', async () => {
    const messenger = new ScriptedMessenger((n) => (n.role === 'manager' ? new DeliveryError('permanent', 400) : undefined));
    await dispatcher(messenger).runOnce();
    const [toManager] = (await store.outbox.forIncident('inc-load-0')).filter((n) => n.role === 'manager');
    assert.equal(toManager.status, 'dead');
  });

  describe('waiting for a send slot', () => {
    // One send per conversation in 30 s: after one booked send, the next slot is 30 s away.
    const ONE_PER_30S = { perConversationPerSecond: 100, perConversationPer30s: 1, perTenantPerSecond: 100 };
    const manager = `user:${districtPeople(0).manager.aadObjectId}`;
    const toManager = async () => (await store.outbox.forIncident('inc-load-0')).find((n) => n.role === 'manager')!;

    it('hands the notification back, due at its slot, when the slot is further away than half the lease', async () => {
      const { tenantId } = await toManager();
      const taken = await store.sendSlots.book(manager, tenantId, now.getTime(), ONE_PER_30S, 0);
      const messenger = new ScriptedMessenger(() => undefined);
      await dispatcher(messenger, 600_000, ONE_PER_30S, 10_000).runOnce();
      assert.deepEqual(messenger.sent.map((x) => x.role), ['security-coordinator'], 'only the channel card went');
      const n = await toManager();
      assert.equal(n.status, 'pending');
      assert.equal(n.attempts, 0, 'not an attempt');
      const due = Date.parse(n.nextAttemptAt);
      assert.ok(Math.abs(due - (taken + 30_000)) < 1, `due at the slot 30 s on (${due - now.getTime()} ms)`);
      const next = await store.sendSlots.book(manager, tenantId, now.getTime(), ONE_PER_30S, 0);
      assert.ok(Math.abs(next - due) < 1, 'the slot it could not wait for was given back');
      assert.equal((await store.outbox.claim('other', new Date(due), 10_000, 10)).some((c) => c.id === n.id), true, 'claimable when due');
    });

    it('stop() ends a wait for a slot at once, gives the slot back and hands the notification back', async () => {
      const { tenantId } = await toManager();
      await store.sendSlots.book(manager, tenantId, now.getTime(), ONE_PER_30S, 0);
      const messenger = new ScriptedMessenger(() => undefined);
      const d = dispatcher(messenger, 600_000, ONE_PER_30S, 120_000);
      const run = d.runOnce();
      await new Promise((r) => setTimeout(r, 200));
      const started = Date.now();
      await d.stop();
      await run;
      assert.ok(Date.now() - started < 2000, `stopped in ${Date.now() - started} ms, not after the 30 s wait`);
      assert.deepEqual(messenger.sent.map((x) => x.role), ['security-coordinator']);
      const n = await toManager();
      assert.equal(n.status, 'pending');
      assert.equal(n.attempts, 0);
      assert.equal(n.nextAttemptAt, now.toISOString(), 'due again at once, for another process');
      assert.equal((await store.outbox.claim('other', now, 10_000, 10)).some((c) => c.id === n.id), true, 'not held by a lease');
      const next = await store.sendSlots.book(manager, tenantId, now.getTime(), ONE_PER_30S, 0);
      assert.ok(next - now.getTime() <= 30_001, 'the slot the stopped send held was given back');
    });
  });
});
