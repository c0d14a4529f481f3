import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { districtPeople, drained, maxInWindow, prepareConversations, submitIncidents, writeDeliveryOrganisation } from '../helpers/delivery-setup';
import { spawnConnector, type ConnectorProcess } from '../helpers/fake-connector-process';
import { startTrygg, tempDbFile, type RunningTrygg } from '../helpers/trygg-instance';

const DISTRICTS = 10;
const LIMITS = { perSecond: 30, per30s: 300, tenantPerSecond: 100 };

function env(orgFile: string, dbFile: string): Record<string, string> {
  return {
    TRYGG_ORG_FILE: orgFile,
    TRYGG_SQLITE_PATH: dbFile,
    TRYGG_SEND_PER_CONVERSATION_PER_SECOND: String(LIMITS.perSecond),
    TRYGG_SEND_PER_CONVERSATION_PER_30S: String(LIMITS.per30s),
    TRYGG_SEND_PER_TENANT_PER_SECOND: String(LIMITS.tenantPerSecond),
    TRYGG_RETRY_BASE_MS: '100',
    TRYGG_RETRY_MAX_MS: '1500',
    TRYGG_OUTBOX_POLL_MS: '50',
    TRYGG_SEND_TIMEOUT_MS: '10000',
    // This machine runs the bot, the connector and the test on 2 shared cores: the receiving side
    // can stall for a few hundred ms, so the margin is set to what such a network would need.
    TRYGG_SEND_MARGIN_MS: '300',
  };
}

/** The case number on a sent card (the card has no other number of that shape; ids are elsewhere). */
function caseOf(activity: Record<string, any>): string {
  return /\b20\d\d-\d{4}\b/.exec(JSON.stringify(activity.attachments))![0];
}

describe('bot: durable delivery of notifications', function () {
  this.timeout(180_000);
  let connector: ConnectorProcess;
  let serviceUrl: string;
  const bots: RunningTrygg[] = [];
  let orgFile: string;
  let org: ReturnType<typeof writeDeliveryOrganisation>['org'];

  beforeEach(async () => {
    connector = await spawnConnector(12_000);
    serviceUrl = connector.serviceUrl;
    ({ file: orgFile, org } = writeDeliveryOrganisation(fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-org-')), DISTRICTS));
  });
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((b) => b.stop()));
    await connector.stop();
  });

  it('delivers 1,000 incidents through 30% injected failures: every notification once, none lost, within the limits', async () => {
    const bot = await startTrygg(env(orgFile, tempDbFile()));
    bots.push(bot);
    await prepareConversations(bot, serviceUrl, DISTRICTS);
    const setUp = await connector.log();
    const before = setUp.attempts.length;
    await connector.inject({ seed: 42, unreachable: `a:personal-${districtPeople(9).manager.aadObjectId}` });

    await submitIncidents(bot.trygg.store, org, 1000, DISTRICTS, new Date());
    bot.trygg.dispatcher.wake();
    await drained(bot.trygg.store, 150_000);
    const log = await connector.log();
    const all = log.calls.slice(setUp.calls.length);
    const calls = all.filter((c) => c.method === 'POST');
    // District 9's manager is unreachable: the deputy handles those cases, so the channel cards
    // already sent are updated in place (their user-specific view now names the deputy).
    const sentIds = new Set(calls.map((c) => c.responseId));
    const updates = all.filter((c) => c.method === 'PUT');
    assert.ok(updates.every((u) => sentIds.has(u.responseId)), 'updates only touch cards that were sent');
    assert.ok(updates.every((u) => u.conversationId === '19:chan-9@thread.tacv2'), 'only district 9 changed');
    const attempts = log.attempts.slice(before);

    const delivered = new Map<string, string[]>();
    for (const call of calls) {
      const list = delivered.get(call.conversationId) ?? [];
      list.push(caseOf(call.activity));
      delivered.set(call.conversationId, list);
    }
    for (let k = 0; k < DISTRICTS; k++) {
      const p = districtPeople(k);
      const personal = delivered.get(`a:personal-${(k === 9 ? p.deputy : p.manager).aadObjectId}`) ?? [];
      const channel = delivered.get(`19:chan-${k}@thread.tacv2`) ?? [];
      assert.equal(personal.length, 100, `district ${k}: 100 full reports 1:1`);
      assert.equal(new Set(personal).size, 100, `district ${k}: none twice 1:1`);
      assert.equal(channel.length, 100, `district ${k}: 100 redacted cards in the channel`);
      assert.equal(new Set(channel).size, 100, `district ${k}: none twice in the channel`);
    }
    assert.equal(calls.length, 2000, 'exactly 2,000 sends accepted');
    const injected = attempts.filter((a) => a.outcome !== 200).length;
    assert.ok(injected > 500, `failures were injected (${injected})`);

    const byConversation = new Map<string, number[]>();
    for (const a of attempts) byConversation.set(a.conversationId, [...(byConversation.get(a.conversationId) ?? []), a.at]);
    for (const [conversation, times] of byConversation) {
      assert.ok(maxInWindow(times, 1000) <= LIMITS.perSecond, `${conversation}: ${maxInWindow(times, 1000)} in one second`);
      assert.ok(maxInWindow(times, 30_000) <= LIMITS.per30s, `${conversation}: ${maxInWindow(times, 30_000)} in 30 s`);
    }
    const tenantPeak = maxInWindow(attempts.map((a) => a.at), 1000);
    assert.ok(tenantPeak <= LIMITS.tenantPerSecond, `tenant limit: ${tenantPeak} in one second`);

    const stats = await bot.trygg.store.outbox.stats();
    assert.deepEqual({ pending: stats.pending, dead: stats.dead }, { pending: 0, dead: 100 }, 'only the unreachable manager’s are given up (rerouted)');
    const timeline = await bot.trygg.store.incidents.timeline('inc-load-9');
    assert.deepEqual(
      timeline.filter((e) => e.type === 'notification-rerouted' || e.type === 'notification-sent').map((e) => `${e.type}:${e.role}`).sort(),
      ['notification-rerouted:manager', 'notification-sent:deputy', 'notification-sent:security-coordinator'],
    );
  });

  it('two processes on one store send no notification twice and keep the limits together', async () => {
    const dbFile = tempDbFile();
    // Both processes have the full limits: the send slots they book are shared through the store.
    const a = await startTrygg(env(orgFile, dbFile));
    const b = await startTrygg(env(orgFile, dbFile));
    bots.push(a, b);
    // Count the slots each process books (every send books one), to see that both did the work.
    const bookings = [a, b].map((bot) => {
      const slots = bot.trygg.store.sendSlots;
      const book = slots.book.bind(slots);
      const count = { n: 0 };
      slots.book = (...args) => (count.n++, book(...args));
      return count;
    });
    await prepareConversations(a, serviceUrl, DISTRICTS);
    const setUp = await connector.log();
    await connector.inject({ seed: 7 });
    await submitIncidents(a.trygg.store, org, 300, DISTRICTS, new Date());
    a.trygg.dispatcher.wake();
    b.trygg.dispatcher.wake();
    await drained(a.trygg.store, 120_000);
    const log = await connector.log();
    const keys = log.calls.slice(setUp.calls.length).map((c) => `${c.conversationId}|${caseOf(c.activity)}`);
    assert.equal(keys.length, 600);
    assert.equal(new Set(keys).size, 600, 'no duplicates');

    const attempts = log.attempts.slice(setUp.attempts.length);
    const byConversation = new Map<string, number[]>();
    for (const x of attempts) byConversation.set(x.conversationId, [...(byConversation.get(x.conversationId) ?? []), x.at]);
    for (const [conversation, times] of byConversation) {
      assert.ok(maxInWindow(times, 1000) <= LIMITS.perSecond, `${conversation}: ${maxInWindow(times, 1000)} in one second`);
    }
    const tenantPeak = maxInWindow(attempts.map((x) => x.at), 1000);
    assert.ok(tenantPeak <= LIMITS.tenantPerSecond, `tenant limit: ${tenantPeak} in one second`);
    // Both processes sent: the limits held with the work shared, not because one did it all.
    assert.ok(bookings.every((c) => c.n >= 100), `slots booked by each process: ${bookings.map((c) => c.n).join(', ')}`);
  });
});
