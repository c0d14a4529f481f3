import { strict as assert } from 'node:assert';
import type { CaseTimer, TimerKind } from '../../src/domain/case-timers';
import type { Incident } from '../../src/domain/incident';
import { caseNotification, notificationsFor, type Notification, type NotificationKind } from '../../src/domain/notification';
import type { Recipient } from '../../src/domain/routing';
import { LeaseLostError, VersionConflictError, type CaseChange, type Store } from '../../src/store/ports';
import { newIncidentFixture } from './incident-store.contract';

const INPUT = newIncidentFixture('d1');
const ID = INPUT.id;
const REPORTER = INPUT.reporterId;
const MANAGER = INPUT.caseFile.assigneeIds[0];
const DEPUTY = '00000000-0000-0000-0000-0000000000025';
const T0 = INPUT.reportedAt;
const MINUTE = 60_000;

const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const iso = (minutes: number) => at(minutes).toISOString();
const ids = (items: ReadonlyArray<{ id: string }>) => items.map((x) => x.id);
const person = (personId: string): Recipient => ({ role: 'assignee', target: { kind: 'person', personId }, detail: 'full' });

/** A timer of the case as the domain names it: `<incidentId>:t:<kind>:<detail>`. */
function timer(kind: TimerKind, detail: string, dueMinutes: number, incidentId = ID): CaseTimer {
  return { id: `${incidentId}:t:${kind}:${detail}`, incidentId, districtId: INPUT.districtId, kind, dueAt: iso(dueMinutes) };
}

/** A notification about the case, written at `minutes` (its first attempt is due then). */
function notice(suffix: string, kind: NotificationKind, minutes: number, personId = MANAGER): Notification {
  return caseNotification(INPUT, `${ID}:${suffix}`, kind, person(personId), at(minutes));
}

/** The new report's notifications: the manager's 1:1 card and the coordinators' channel card. */
const reportNotifications = () =>
  notificationsFor(
    INPUT,
    [person(MANAGER), { role: 'security-coordinator', target: { kind: 'district-channel', districtId: INPUT.districtId }, detail: 'redacted' }],
    T0,
  );

/** A change by the manager at `minutes`: one version on, with a security note as what changed. */
function changeOf(incident: Incident, minutes: number, patch: Partial<CaseChange> = {}): CaseChange {
  const text = `Anteckning ${minutes}`;
  const next: Incident = {
    ...incident,
    version: incident.version + 1,
    status: 'in-progress',
    case: { ...incident.case, securityNotes: [...incident.case.securityNotes, { by: MANAGER, at: iso(minutes), text }] },
  };
  const event = { type: 'case-security-note' as const, at: iso(minutes), actorId: MANAGER, command: { kind: 'security-note' as const, text } };
  return { next, expectedVersion: incident.version, event, timers: [], ...patch };
}

/**
 * The behaviour every store adapter must have for case changes, card updates and timers. Each
 * adapter's test file calls this with a factory that opens a fresh, empty store, and optionally
 * one that opens two handles on one fresh backing store (as two bot processes would hold).
 */
export function caseStoreContract(adapter: string, open: () => Promise<Store>, openTwins?: () => Promise<[Store, Store]>): void {
  describe(`case store contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => (store = await open()));
    afterEach(async () => store.close());

    const report = async (notifications: Notification[] = [], timers: CaseTimer[] = [], s = store) =>
      (await s.incidents.submit(INPUT, notifications, timers)).incident;

    /** Claims the due notifications as a dispatcher would and settles each as `outcome` says (sent by default). */
    async function dispatch(now: Date, outcome: (n: Notification) => Partial<Notification> = () => ({}), s = store): Promise<string[]> {
      const claimed = await s.outbox.claim('dispatcher', now, MINUTE, 100);
      for (const n of claimed) {
        const sent = { activityId: n.activityId ?? `activity-${n.id}`, sentAt: now.toISOString(), conversationKey: `user:${MANAGER}` };
        const settled: Notification = { ...n, status: 'sent', attempts: n.attempts + 1, ...sent, ...outcome(n) };
        assert.equal(await s.outbox.settle(settled, 'dispatcher'), true);
      }
      return ids(claimed);
    }

    const outbox = async (s = store) => (await s.outbox.forIncident(ID)).map((n) => `${n.id} ${n.status}`);
    const updates = async () => (await store.outbox.forIncident(ID)).filter((n) => n.kind === 'card-update');

    describe('change', () => {
      it('writes the next state, bumps the version, appends the event with the version, returns the stored incident', async () => {
        const v1 = await report();
        const first = changeOf(v1, 5);
        const v2 = await store.incidents.change(first);
        assert.deepEqual(v2, first.next);
        assert.deepEqual(await store.incidents.get(ID), first.next);
        const second = changeOf(v2, 9);
        const v3 = await store.incidents.change(second);
        assert.equal(v3.version, 3);
        assert.deepEqual(await store.incidents.get(ID), second.next);
        assert.deepEqual((await store.incidents.listByReporter(REPORTER, 5))[0], second.next);

        const timeline = await store.incidents.timeline(ID);
        assert.deepEqual(timeline.slice(1), [
          { incidentId: ID, seq: 2, ...first.event, version: 2 },
          { incidentId: ID, seq: 3, ...second.event, version: 3 },
        ]);
      });

      it('refuses a stale expectedVersion with VersionConflictError and writes nothing', async () => {
        const v1 = await report(reportNotifications(), [timer('acknowledge', '1', 30)]);
        await dispatch(at(1));
        await store.incidents.change(changeOf(v1, 5, { timers: [timer('acknowledge', '1', 30)] }));
        const before = { outbox: await outbox(), timers: await store.timers.pending(ID), events: await store.incidents.timeline(ID) };
        const handover = notice('h1', 'handover', 6, DEPUTY);
        const stale = changeOf(v1, 6, { notifications: [handover], refreshCards: true, timers: [timer('feedback', 'x', 90)] });
        await assert.rejects(store.incidents.change(stale), (err: unknown) => {
          assert.ok(err instanceof VersionConflictError);
          assert.equal(err.entity, 'incident');
          assert.equal(err.id, ID);
          return true;
        });
        assert.equal((await store.incidents.get(ID))?.version, 2);
        assert.deepEqual(await store.incidents.timeline(ID), before.events, 'no event');
        assert.deepEqual(await outbox(), before.outbox, 'no notification, no card update');
        assert.deepEqual(await store.timers.pending(ID), before.timers, 'timers unchanged');
      });

      it('refuses a next state that is not exactly one version on, and writes nothing', async () => {
        const v1 = await report();
        const same = changeOf(v1, 5);
        await assert.rejects(store.incidents.change({ ...same, next: { ...same.next, version: 1 } }));
        await assert.rejects(store.incidents.change({ ...same, next: { ...same.next, version: 3 } }));
        await assert.rejects(store.incidents.change({ ...same, expectedVersion: 0, next: { ...same.next, version: 1 } }), VersionConflictError);
        assert.deepEqual(await store.incidents.get(ID), v1);
        assert.equal((await store.incidents.timeline(ID)).length, 1);
      });

      it('refuses a change to an incident that does not exist', async () => {
        const v1 = await report();
        const ghost = changeOf({ ...v1, id: 'inc-nope' }, 5);
        await assert.rejects(store.incidents.change(ghost));
        assert.deepEqual([await store.incidents.get('inc-nope'), await store.incidents.timeline('inc-nope')], [undefined, []]);
      });

      it('lets exactly one of two concurrent changes from the same version win', async () => {
        const v1 = await report();
        const a = changeOf(v1, 5, { notifications: [notice('a', 'handover', 5, DEPUTY)] });
        const b = changeOf(v1, 6, { notifications: [notice('b', 'handover', 6, DEPUTY)] });
        const results = await Promise.allSettled([store.incidents.change(a), store.incidents.change(b)]);
        const won = results.findIndex((r) => r.status === 'fulfilled');
        const lost = results[1 - won];
        assert.ok(won >= 0 && lost.status === 'rejected' && lost.reason instanceof VersionConflictError);
        const winner = [a, b][won];
        assert.deepEqual(await store.incidents.get(ID), winner.next);
        assert.deepEqual((await store.incidents.timeline(ID)).map((e) => e.at), [T0.toISOString(), winner.event.at]);
        assert.deepEqual(await outbox(), [`${winner.notifications![0].id} pending`]);
      });
    });

    describe('notifications of a change', () => {
      it('are written with the change, pending', async () => {
        const v1 = await report();
        const handover = notice('h1', 'handover', 5, DEPUTY);
        await store.incidents.change(changeOf(v1, 5, { notifications: [handover] }));
        assert.deepEqual(await store.outbox.forIncident(ID), [JSON.parse(JSON.stringify(handover))]);
      });

      it('are inserted once: the same ids written again neither duplicate nor reset them', async () => {
        const v1 = await report();
        const escalation = notice('t:escalate-deputy:1:deputy', 'escalation', 5, DEPUTY);
        const v2 = await store.incidents.change(changeOf(v1, 5, { notifications: [escalation] }));
        await dispatch(at(6));
        await store.incidents.change(changeOf(v2, 7, { notifications: [notice('t:escalate-deputy:1:deputy', 'escalation', 7, DEPUTY)] }));
        assert.deepEqual(await outbox(), [`${escalation.id} sent`]);
        assert.equal((await store.outbox.forIncident(ID))[0].activityId, `activity-${escalation.id}`);
      });
    });

    describe('refreshCards', () => {
      /** A case whose cards went out in every way a card can: sent, a one-off, dead, not yet sent. */
      async function caseWithCards(): Promise<Incident> {
        const v1 = await report(reportNotifications());
        const later = notice('later', 'handover', 60, DEPUTY);
        const sent = [notice('handover', 'handover', 2, DEPUTY), notice('escalation', 'escalation', 2, DEPUTY), notice('reminder', 'reminder', 2)];
        const oneOff = [notice('feedback', 'feedback', 2, REPORTER), notice('dead', 'handover', 2, DEPUTY), notice('no-activity', 'handover', 2)];
        const v2 = await store.incidents.change(changeOf(v1, 2, { notifications: [...sent, ...oneOff, later] }));
        await dispatch(at(3), (n) => {
          if (n.id.endsWith(':dead')) return { status: 'dead', activityId: undefined, sentAt: undefined, lastError: 'forbidden' };
          return n.id.endsWith(':no-activity') ? { activityId: undefined } : {};
        });
        return v2;
      }
      const FOLLOWING = [`${ID}:escalation`, `${ID}:handover`, `${ID}:n1`, `${ID}:n2`];

      it('queues a pending card update of each sent card that follows the case, and none for the others', async () => {
        const v2 = await caseWithCards();
        await store.incidents.change(changeOf(v2, 10, { refreshCards: true }));
        const byId = new Map((await store.outbox.forIncident(ID)).map((n) => [n.id, n]));
        const queued = await updates();
        assert.deepEqual(queued.map((u) => u.updateOf).sort(), FOLLOWING);
        for (const u of queued) {
          const card = byId.get(u.updateOf!)!;
          assert.equal(u.id, `${card.id}:update`);
          assert.deepEqual(
            [u.kind, u.status, u.attempts, u.nextAttemptAt, u.incidentId, u.activityId, u.role],
            ['card-update', 'pending', 0, iso(10), ID, card.activityId, card.role],
          );
          assert.deepEqual(u.target, card.target);
        }
        assert.equal(byId.get(`${ID}:later`)?.status, 'pending', 'an unsent card is sent as it is, later');
      });

      it('does not update the personal card that was clicked (keepCard), but still a channel card with that id', async () => {
        const v2 = await caseWithCards();
        const cards = (await store.outbox.forIncident(ID)).filter((n) => FOLLOWING.includes(n.id));
        const personal = cards.find((n) => n.target.kind === 'person')!;
        const channel = cards.find((n) => n.target.kind === 'district-channel')!;
        await store.incidents.change(changeOf(v2, 10, { refreshCards: true, keepCard: personal.activityId }));
        assert.deepEqual(
          (await updates()).map((u) => u.updateOf).sort(),
          FOLLOWING.filter((id) => id !== personal.id),
          'the clicked personal card is left to the invoke answer',
        );
        const v3 = (await store.incidents.get(ID))!;
        await store.incidents.change(changeOf(v3, 11, { refreshCards: true, keepCard: channel.activityId }));
        assert.ok((await updates()).some((u) => u.updateOf === channel.id), "a channel card is updated for everyone else");
      });

      it('queues nothing without refreshCards', async () => {
        const v2 = await caseWithCards();
        await store.incidents.change(changeOf(v2, 10));
        assert.deepEqual(await updates(), []);
      });

      it('keeps exactly one update row per card over repeated changes, pending again after it was sent', async () => {
        const v2 = await caseWithCards();
        const v3 = await store.incidents.change(changeOf(v2, 10, { refreshCards: true }));
        const v4 = await store.incidents.change(changeOf(v3, 11, { refreshCards: true }));
        assert.deepEqual(ids(await updates()).sort(), FOLLOWING.map((id) => `${id}:update`));
        await dispatch(at(12));
        assert.ok((await updates()).every((u) => u.status === 'sent'));

        await store.incidents.change(changeOf(v4, 20, { refreshCards: true }));
        const again = await updates();
        assert.deepEqual(ids(again).sort(), FOLLOWING.map((id) => `${id}:update`));
        assert.ok(again.every((u) => u.status === 'pending' && u.nextAttemptAt === iso(20) && u.updateOf && !u.updateOf.endsWith(':update')));
      });

      it('takes the lease from an update being sent when the case changes again: its settle fails, the row is pending', async () => {
        const v1 = await report(reportNotifications());
        await dispatch(at(1));
        const v2 = await store.incidents.change(changeOf(v1, 5, { refreshCards: true }));
        const inFlight = await store.outbox.claim('owner-a', at(6), MINUTE, 10);
        assert.deepEqual(ids(inFlight).sort(), [`${ID}:n1:update`, `${ID}:n2:update`]);

        await store.incidents.change(changeOf(v2, 6, { refreshCards: true }));
        for (const n of inFlight) assert.equal(await store.outbox.settle({ ...n, status: 'sent', attempts: 1 }, 'owner-a'), false);
        assert.ok((await updates()).every((u) => u.status === 'pending'));
        const retaken = await store.outbox.claim('owner-b', at(6.5), MINUTE, 10);
        assert.deepEqual(ids(retaken).sort(), ids(inFlight).sort(), 'the newest state is sent at once');
      });
    });

    describe('timers', () => {
      const ack = timer('acknowledge', '1', 30);
      const deputy = timer('escalate-deputy', '1', 60);
      const serious = timer('serious', '1', 10);

      it('are stored by submit; pending lists them soonest first', async () => {
        await report([], [deputy, ack, serious]);
        assert.deepEqual(await store.timers.pending(ID), [serious, ack, deputy]);
        assert.deepEqual(await store.timers.pending('inc-other'), []);
      });

      it('become the planned set on a change: missing ones cancelled, new ones added, kept ones moved', async () => {
        const v1 = await report([], [deputy, ack, serious]);
        const feedback = timer('feedback', T0.toISOString(), 60 * 24 * 14);
        const movedAck = { ...ack, dueAt: iso(45) };
        await store.incidents.change(changeOf(v1, 5, { timers: [feedback, movedAck, serious] }));
        assert.deepEqual(await store.timers.pending(ID), [serious, movedAck, feedback]);
        assert.deepEqual(await store.timers.claim('a', at(60 * 24 * 30), MINUTE, 10), [serious, movedAck, feedback], 'the cancelled one never fires');
      });

      it('are claimed only when due, soonest first, up to the limit, and leased', async () => {
        await report([], [deputy, ack, serious]);
        assert.deepEqual(await store.timers.claim('a', at(5), MINUTE, 10), [], 'nothing due yet');
        assert.deepEqual(await store.timers.claim('a', at(35), 5 * MINUTE, 1), [serious]);
        assert.deepEqual(await store.timers.claim('a', at(35), 5 * MINUTE, 10), [ack]);
        assert.deepEqual(await store.timers.claim('b', at(39), 5 * MINUTE, 10), [], 'leased to a');
        assert.deepEqual(await store.timers.claim('b', at(41), 5 * MINUTE, 10), [serious, ack], 'a’s lease expired');
        assert.equal(await store.timers.finish(serious.id, 'a'), false, 'a lost it');
        assert.equal(await store.timers.finish(serious.id, 'b'), true);
      });

      it('finish is true for the lease holder once, false for others and for unknown timers', async () => {
        await report([], [ack, serious]);
        await store.timers.claim('a', at(35), MINUTE, 10);
        assert.equal(await store.timers.finish(ack.id, 'b'), false);
        assert.equal(await store.timers.finish(ack.id, 'a'), true);
        assert.equal(await store.timers.finish(ack.id, 'a'), false, 'done already');
        assert.equal(await store.timers.finish(`${ID}:t:nope:1`, 'a'), false);
        assert.deepEqual(await store.timers.pending(ID), [serious]);
        assert.deepEqual(await store.timers.claim('c', at(10_000), MINUTE, 10), [serious], 'a finished timer is never claimed again');
      });

      it('a change with firedTimer marks it done: never claimed again, and planning it again does not re-arm it', async () => {
        const v1 = await report([], [deputy, ack, serious]);
        await store.timers.claim('a', at(35), MINUTE, 10);
        const reminder = notice('t:acknowledge:1:manager', 'reminder', 35);
        const fired = changeOf(v1, 35, { firedTimer: { id: ack.id, owner: 'a' }, notifications: [reminder], timers: [deputy, ack, serious] });
        const v2 = await store.incidents.change(fired);
        assert.deepEqual(await store.timers.pending(ID), [serious, deputy]);
        await store.incidents.change(changeOf(v2, 36, { timers: [deputy, { ...ack, dueAt: iso(50) }, serious] }));
        assert.deepEqual(await store.timers.pending(ID), [serious, deputy]);
        assert.deepEqual(ids(await store.timers.claim('b', at(10_000), MINUTE, 10)), [serious.id, deputy.id]);
        assert.equal(await store.timers.finish(ack.id, 'a'), false);
        assert.deepEqual(await outbox(), [`${reminder.id} pending`]);
      });

      it('a firedTimer whose lease another owner holds → LeaseLostError, and the whole change is rolled back', async () => {
        const v1 = await report(reportNotifications(), [deputy, ack, serious]);
        await dispatch(at(1));
        await store.timers.claim('a', at(35), MINUTE, 10);
        const before = await outbox();
        const change = changeOf(v1, 35, {
          firedTimer: { id: ack.id, owner: 'b' },
          notifications: [notice('t:acknowledge:1:manager', 'reminder', 35)],
          refreshCards: true,
          timers: [timer('feedback', 'x', 90)],
        });
        await assert.rejects(store.incidents.change(change), (err: unknown) => err instanceof LeaseLostError && err.id === ack.id);
        assert.deepEqual(await store.incidents.get(ID), v1, 'version unchanged');
        assert.equal((await store.incidents.timeline(ID)).length, 1);
        assert.deepEqual(await outbox(), before, 'no reminder, no card update');
        assert.deepEqual(await store.timers.pending(ID), [serious, ack, deputy]);
        assert.equal(await store.timers.finish(ack.id, 'a'), true, 'a still holds it');
      });

      it('a firedTimer taken over after its lease expired → LeaseLostError for the first owner', async () => {
        const v1 = await report([], [ack]);
        await store.timers.claim('a', at(35), MINUTE, 10);
        assert.deepEqual(await store.timers.claim('b', at(37), MINUTE, 10), [ack]);
        await assert.rejects(store.incidents.change(changeOf(v1, 37, { firedTimer: { id: ack.id, owner: 'a' }, timers: [ack] })), LeaseLostError);
        const v2 = await store.incidents.change(changeOf(v1, 37, { firedTimer: { id: ack.id, owner: 'b' }, timers: [ack] }));
        assert.equal(v2.version, 2);
        assert.deepEqual(await store.timers.pending(ID), []);
      });

      it('a timer cancelled by one change is pending again when a later change plans it again (a reopened case)', async () => {
        const v1 = await report([], [ack, serious]);
        const closed = await store.incidents.change(changeOf(v1, 5, { timers: [] }));
        assert.deepEqual(await store.timers.pending(ID), []);
        await store.incidents.change(changeOf(closed, 6, { timers: [ack, serious] }));
        assert.deepEqual(await store.timers.pending(ID), [serious, ack]);
        assert.deepEqual(await store.timers.claim('a', at(35), MINUTE, 10), [serious, ack]);
      });

      it('a change plans only its own case’s timers', async () => {
        const v1 = await report([], [ack]);
        const other = newIncidentFixture('d2');
        const otherAck = timer('acknowledge', '1', 20, other.id);
        await store.incidents.submit(other, [], [otherAck]);
        await store.incidents.change(changeOf(v1, 5, { timers: [] }));
        assert.deepEqual(await store.timers.pending(other.id), [otherAck]);
        assert.deepEqual(await store.timers.claim('a', at(60), MINUTE, 10), [otherAck]);
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

        it('lets exactly one of two changes from the same version win', async () => {
          const v1 = await report([], [timer('acknowledge', '1', 30)], a);
          const fromA = changeOf(v1, 5, { notifications: [notice('a', 'handover', 5, DEPUTY)], timers: [timer('feedback', 'a', 90)] });
          const fromB = changeOf(v1, 5, { notifications: [notice('b', 'handover', 5, DEPUTY)], timers: [timer('feedback', 'b', 90)] });
          const results = await Promise.allSettled([a.incidents.change(fromA), b.incidents.change(fromB)]);
          assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
          assert.ok(results.some((r) => r.status === 'rejected' && r.reason instanceof VersionConflictError));
          const winner = results[0].status === 'fulfilled' ? 'a' : 'b';
          assert.equal((await b.incidents.get(ID))?.version, 2);
          assert.deepEqual(await outbox(a), [`${ID}:${winner} pending`]);
          assert.deepEqual(ids(await b.timers.pending(ID)), [`${ID}:t:feedback:${winner}`]);
          assert.equal((await a.incidents.timeline(ID)).length, 2);
        });

        it('claims each due timer for exactly one of two handles claiming at once', async () => {
          const cases = ['p1', 'p2', 'p3'].map((d) => newIncidentFixture(d));
          for (const c of cases) {
            const kinds: TimerKind[] = ['acknowledge', 'escalate-deputy', 'escalate-second-line', 'serious'];
            await a.incidents.submit(c, [], kinds.map((k, i) => timer(k, '1', i * 5, c.id)));
          }
          const claimed: Record<string, string[]> = { a: [], b: [] };
          for (let round = 0; round < 20; round++) {
            const [fromA, fromB] = await Promise.all([a.timers.claim('a', at(30), MINUTE, 2), b.timers.claim('b', at(30), MINUTE, 2)]);
            claimed.a.push(...ids(fromA));
            claimed.b.push(...ids(fromB));
            if (fromA.length + fromB.length === 0) break;
          }
          const all = [...claimed.a, ...claimed.b];
          assert.equal(all.length, 12);
          assert.equal(new Set(all).size, 12, 'no timer claimed twice');
        });

        it('a card update re-queued through one handle fails the other handle’s settle', async () => {
          const v1 = await report(reportNotifications(), [], a);
          await dispatch(at(1), undefined, a);
          const v2 = await a.incidents.change(changeOf(v1, 5, { refreshCards: true }));
          const inFlight = await b.outbox.claim('owner-b', at(6), MINUTE, 10);
          assert.equal(inFlight.length, 2);
          await a.incidents.change(changeOf(v2, 6, { refreshCards: true }));
          for (const n of inFlight) assert.equal(await b.outbox.settle({ ...n, status: 'sent', attempts: 1 }, 'owner-b'), false);
          assert.deepEqual(await outbox(b), [`${ID}:n1 sent`, `${ID}:n1:update pending`, `${ID}:n2 sent`, `${ID}:n2:update pending`]);
        });
      });
    }
  });
}
