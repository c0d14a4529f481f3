import { strict as assert } from 'node:assert';
import {
  bucketRanges,
  contributionOf,
  counterChanges,
  counterHome,
  COUNTER_LAYOUT,
  dekadOf,
  MILESTONE_EDGES_MINUTES,
  milestoneBucket,
  periodDays,
} from '../../src/domain/lagesbild-counters';
import type { CaseSummary } from '../../src/domain/lagesbild-types';
import { parsePeriod, previousPeriod } from '../../src/domain/period';
import { addDays } from '../../src/domain/stockholm-instant';

const BASE: CaseSummary = {
  incidentId: 'inc-1',
  caseNumber: '2026-0001',
  districtId: 'd1',
  unitId: 'u1',
  // 00:30 on 1 November in Sweden: counted on the 1st, in November.
  reportedAt: '2026-10-31T23:30:00.000Z',
  forms: ['threat-self', 'violence'],
  perpetratorRole: 'client',
  place: 'reception',
  workArea: 'financial-aid',
  status: 'reported',
  policeRelevant: true,
  possiblySerious: true,
  seriousNotified: false,
  seriousNotifiedInTime: false,
  nextDeadline: '2026-11-01T00:30:00.000Z',
  assigneeIds: ['m'],
};

describe('lägesbild counters', () => {
  it('counts a case on its Swedish report day and month', () => {
    assert.deepEqual(counterHome(BASE), { districtId: 'd1', unitId: 'u1', day: '2026-11-01', dekad: '2026-11-1', month: '2026-11' });
    assert.deepEqual(['2026-02-10', '2026-02-11', '2026-02-20', '2026-02-21', '2026-02-28'].map(dekadOf), ['2026-02-1', '2026-02-2', '2026-02-2', '2026-02-3', '2026-02-3']);
  });

  it('a case contributes one to each of its categories, flags and milestone buckets', () => {
    const s: CaseSummary = {
      ...BASE,
      policeDecision: 'already-filed',
      policeFiled: true,
      seriousNotified: true,
      acknowledgedAt: '2026-10-31T23:40:00.000Z',
      supportOfferedAt: '2026-11-01T02:30:00.000Z',
      closedAt: '2026-11-20T23:30:00.000Z',
    };
    assert.deepEqual(contributionOf(s), {
      n: 1,
      'form:threat-self': 1,
      'form:violence': 1,
      'unit:u1': 1,
      'role:client': 1,
      'place:reception': 1,
      'area:financial-aid': 1,
      'police:relevant': 1,
      'police:decided': 1,
      'police:filed': 1,
      'serious:possible': 1,
      'serious:notified': 1,
      'ack:0': 1,
      'support:4': 1,
      'close:12': 1,
    });
  });

  it('time buckets: lower edge inclusive, negative times in the first, the last open-ended', () => {
    assert.equal(milestoneBucket(-5), 0);
    assert.equal(milestoneBucket(14.99), 0);
    assert.equal(milestoneBucket(15), 1);
    assert.equal(milestoneBucket(1440), 7);
    assert.equal(milestoneBucket(365 * 1440 - 1), MILESTONE_EDGES_MINUTES.length - 2);
    assert.equal(milestoneBucket(10 * 365 * 1440), MILESTONE_EDGES_MINUTES.length - 1);
  });

  describe('changes', () => {
    it('a new case adds to the day, dekad and month of its district and unit, and to their open cases', () => {
      const changes = counterChanges(undefined, BASE);
      assert.deepEqual(changes.map((c) => `${c.districtId} ${c.scopeKey} ${c.grain} ${c.bucket}`), [
        'd1 * day 2026-11-01',
        'd1 * dekad 2026-11-1',
        'd1 * month 2026-11',
        'd1 * open -',
        'd1 u1 day 2026-11-01',
        'd1 u1 dekad 2026-11-1',
        'd1 u1 month 2026-11',
        'd1 u1 open -',
      ]);
      assert.deepEqual(changes[3].delta, { n: 1 });
      assert.deepEqual(changes[0].delta, contributionOf(BASE));
    });

    it('a change moves only what changed: acknowledging adds a time, nothing else', () => {
      const acknowledged = { ...BASE, status: 'acknowledged' as const, acknowledgedAt: '2026-11-01T01:00:00.000Z' };
      const changes = counterChanges(BASE, acknowledged);
      assert.deepEqual(changes.map((c) => [c.scopeKey, c.grain, c.delta]), [
        ['*', 'day', { 'ack:3': 1 }],
        ['*', 'dekad', { 'ack:3': 1 }],
        ['*', 'month', { 'ack:3': 1 }],
        ['u1', 'day', { 'ack:3': 1 }],
        ['u1', 'dekad', { 'ack:3': 1 }],
        ['u1', 'month', { 'ack:3': 1 }],
      ]);
    });

    it('closing takes the case from the open cases; reopening puts it back and takes the closing time away', () => {
      const closed = { ...BASE, status: 'closed' as const, closedAt: '2026-11-02T23:30:00.000Z' };
      const close = counterChanges(BASE, closed);
      assert.deepEqual(close.filter((c) => c.grain === 'open').map((c) => c.delta), [{ n: -1 }, { n: -1 }]);
      assert.deepEqual(close.find((c) => c.grain === 'day')!.delta, { 'close:8': 1 });
      const reopen = counterChanges(closed, { ...BASE, status: 'in-progress' });
      assert.deepEqual(reopen.filter((c) => c.grain === 'open').map((c) => c.delta), [{ n: 1 }, { n: 1 }]);
      assert.deepEqual(reopen.find((c) => c.grain === 'day')!.delta, { 'close:8': -1 });
    });

    it('a change that moves nothing counted touches no document', () => {
      assert.deepEqual(counterChanges(BASE, { ...BASE, assigneeIds: ['other'], nextDeadline: undefined }), []);
    });
  });

  describe('bucket ranges', () => {
    it('reads whole dekads as dekads and the days around them as days', () => {
      assert.deepEqual(bucketRanges('2026-10-05', '2026-10-09'), { days: [['2026-10-05', '2026-10-09']], dekads: [] });
      assert.deepEqual(bucketRanges('2026-10-05', '2026-10-25'), {
        days: [['2026-10-05', '2026-10-11'], ['2026-10-21', '2026-10-25']],
        dekads: [['2026-10-2', '2026-10-3']],
      });
      assert.deepEqual(bucketRanges('2026-10-11', '2026-11-01'), { days: [], dekads: [['2026-10-2', '2026-11-1']] });
      assert.deepEqual(bucketRanges('2026-10-25', '2026-11-24'), {
        days: [['2026-10-25', '2026-11-01'], ['2026-11-21', '2026-11-24']],
        dekads: [['2026-11-1', '2026-11-3']],
      });
    });

    it('reads whole months as months, then dekads and days at the edges', () => {
      assert.deepEqual(bucketRanges('2026-10-01', '2026-11-01'), { days: [], dekads: [], months: ['2026-10', '2026-11'] });
      assert.deepEqual(bucketRanges('2025-11-24', '2026-11-24'), {
        days: [['2025-11-24', '2025-12-01'], ['2026-11-21', '2026-11-24']],
        dekads: [['2026-11-1', '2026-11-3']],
        months: ['2025-12', '2026-11'],
      });
      assert.deepEqual(bucketRanges('2025-12-09', '2026-02-13'), {
        days: [['2025-12-09', '2025-12-11'], ['2026-02-11', '2026-02-13']],
        dekads: [['2025-12-2', '2026-01-1'], ['2026-02-1', '2026-02-2']],
        months: ['2026-01', '2026-02'],
      });
    });

    it('covers every day of the range exactly once, never reading more than 18 days and 4 dekads besides months', () => {
      for (let a = 0; a < 400; a += 3) {
        for (const length of [1, 9, 10, 11, 30, 31, 45, 92, 365, 366]) {
          const from = addDays('2025-01-01', a);
          const to = addDays(from, length);
          const r = bucketRanges(from, to);
          for (let day = addDays(from, -3); day < addDays(to, 3); day = addDays(day, 1)) {
            const covered =
              r.days.filter(([x, y]) => x <= day && day < y).length +
              r.dekads.filter(([x, y]) => x <= dekadOf(day) && dekadOf(day) < y).length +
              (r.months && r.months[0] <= day.slice(0, 7) && day.slice(0, 7) < r.months[1] ? 1 : 0);
            assert.equal(covered, day >= from && day < to ? 1 : 0, `${from}..${to}: ${day}`);
          }
          const days = r.days.reduce((n, [x, y]) => n + (Date.parse(y) - Date.parse(x)) / 86_400_000, 0);
          assert.ok(days <= 18, `${from} +${length}: ${days} days`);
          assert.ok(r.dekads.length <= 2);
        }
      }
    });

    it('an empty range reads nothing', () => {
      assert.deepEqual(bucketRanges('2026-10-05', '2026-10-05'), { days: [], dekads: [] });
    });
  });

  it('the dense layout holds every key but units, once', () => {
    assert.equal(new Set(COUNTER_LAYOUT).size, COUNTER_LAYOUT.length);
    assert.ok(!COUNTER_LAYOUT.some((k) => k.startsWith('unit:')));
    assert.ok(Object.keys(contributionOf({ ...BASE, acknowledgedAt: BASE.reportedAt, supportOfferedAt: BASE.reportedAt, closedAt: BASE.reportedAt })).every((k) => k.startsWith('unit:') || COUNTER_LAYOUT.includes(k)));
  });

  describe('period days', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    it('a rolling period covers today so far', () => {
      const p = parsePeriod('30d', now)!;
      assert.deepEqual(periodDays(p.from, p.to), ['2026-10-25', '2026-11-24']);
      const before = previousPeriod(p);
      assert.deepEqual(periodDays(before.from, before.to), ['2026-09-25', '2026-10-25']);
    });

    it('a calendar period covers its days, across a change of clocks', () => {
      const p = parsePeriod('2026-10', now)!;
      assert.deepEqual(periodDays(p.from, p.to), ['2026-10-01', '2026-11-01']);
      const q = parsePeriod('2026-Q1', now)!;
      assert.deepEqual(periodDays(q.from, q.to), ['2026-01-01', '2026-04-01']);
    });
  });
});
