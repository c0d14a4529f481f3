import { strict as assert } from 'node:assert';
import {
  acknowledgementDue,
  DEFAULT_DEADLINE_POLICY,
  deadlinePolicy,
  isOverdue,
  nextWorkingMorning,
  reminderInstantOn,
  stockholmInstant,
} from '../../src/domain/deadlines';
import { stockholmLocal } from '../../src/domain/local-time';
import { addWorkingDays, isWorkingDay } from '../../src/domain/working-days';

const at = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();

describe('Case deadlines', () => {
  describe('deadlinePolicy', () => {
    it('defaults to a 15:00 cut-off, due 17:00, serious within 60 minutes, reminders at 09:00', () => {
      assert.deepEqual(deadlinePolicy(), {
        ackCutoff: '15:00',
        workdayEnd: '17:00',
        seriousAckMinutes: 60,
        reminderTime: '09:00',
      });
      assert.deepEqual(deadlinePolicy(), DEFAULT_DEADLINE_POLICY);
    });

    it('applies overrides and freezes the result, like the default', () => {
      const policy = deadlinePolicy({ ackCutoff: '12:00', seriousAckMinutes: 30 });
      assert.equal(policy.ackCutoff, '12:00');
      assert.equal(policy.workdayEnd, '17:00');
      assert.equal(policy.seriousAckMinutes, 30);
      assert.ok(Object.isFrozen(policy));
      assert.ok(Object.isFrozen(DEFAULT_DEADLINE_POLICY));
    });

    it('rejects malformed times, a cut-off after the end of the day and bad minute counts', () => {
      for (const bad of [
        { ackCutoff: '9:00' },
        { workdayEnd: '24:00' },
        { reminderTime: '09:60' },
        { reminderTime: '0900' },
        { ackCutoff: '17:30' },
        { seriousAckMinutes: 0 },
        { seriousAckMinutes: -5 },
        { seriousAckMinutes: 1.5 },
      ]) {
        assert.throws(() => deadlinePolicy(bad), RangeError, JSON.stringify(bad));
      }
    });
  });

  describe('stockholmInstant', () => {
    const cases: Array<[string, string, string, string]> = [
      ['2026-01-13', '17:00', '2026-01-13T16:00:00.000Z', 'winter time is UTC+1'],
      ['2026-07-01', '09:00', '2026-07-01T07:00:00.000Z', 'summer time is UTC+2'],
      ['2026-01-01', '00:30', '2025-12-31T23:30:00.000Z', 'just after midnight is the previous UTC day and year'],
      ['2026-03-29', '00:00', '2026-03-28T23:00:00.000Z', 'spring change day, before the change'],
      ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z', 'spring change day, last minute of winter time'],
      ['2026-03-29', '02:00', '2026-03-29T01:00:00.000Z', 'spring gap: 02:00 does not exist, read as 03:00'],
      ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z', 'spring gap: 02:30 does not exist, read as 03:30'],
      ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z', 'spring change day, first minute of summer time'],
      ['2026-03-29', '09:00', '2026-03-29T07:00:00.000Z', 'spring change day, morning'],
      ['2026-03-29', '23:59', '2026-03-29T21:59:00.000Z', 'spring change day, last minute'],
      ['2026-10-25', '01:59', '2026-10-24T23:59:00.000Z', 'autumn change day, before the change'],
      ['2026-10-25', '02:00', '2026-10-25T00:00:00.000Z', 'autumn overlap: 02:00 happens twice, the earlier is taken'],
      ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', 'autumn overlap: 02:30 happens twice, the earlier is taken'],
      ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z', 'autumn change day, after the change'],
      ['2026-10-25', '09:00', '2026-10-25T08:00:00.000Z', 'autumn change day, morning'],
      ['2026-10-25', '17:00', '2026-10-25T16:00:00.000Z', 'autumn change day, end of the working day'],
      ['2027-03-28', '02:15', '2027-03-28T01:15:00.000Z', 'spring gap 2027 (also Easter Sunday)'],
      ['2027-10-31', '02:15', '2027-10-31T00:15:00.000Z', 'autumn overlap 2027'],
    ];
    for (const [date, time, expected, what] of cases) {
      it(`${what}: ${date} ${time} → ${expected}`, () => assert.equal(iso(stockholmInstant(date, time)), expected));
    }

    it('is the inverse of stockholmLocal for every quarter hour that exists on both change days', () => {
      for (const date of ['2026-03-29', '2026-10-25', '2026-03-28', '2026-10-26']) {
        for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
          const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
          if (date === '2026-03-29' && time >= '02:00' && time < '03:00') continue;
          assert.equal(stockholmLocal(stockholmInstant(date, time)), `${date}T${time}`);
        }
      }
    });

    it('rejects malformed dates and times', () => {
      for (const [date, time] of [
        ['2026-02-30', '09:00'],
        ['2026-1-5', '09:00'],
        ['2026-01-05', '24:00'],
        ['2026-01-05', '9:00'],
        ['2026-01-05', '09:00:00'],
      ]) {
        assert.throws(() => stockholmInstant(date, time), RangeError, `${date} ${time}`);
      }
    });
  });

  describe('acknowledgementDue', () => {
    const ordinary: Array<[string, string, string]> = [
      ['2026-01-13T09:00:00Z', '2026-01-13T16:00:00.000Z', 'Tuesday 10:00 → 17:00 the same day'],
      ['2026-01-13T13:59:59Z', '2026-01-13T16:00:00.000Z', 'Tuesday 14:59:59 → 17:00 the same day'],
      ['2026-01-13T14:00:00Z', '2026-01-14T16:00:00.000Z', 'Tuesday at the 15:00 cut-off → Wednesday 17:00'],
      ['2026-01-13T15:30:00Z', '2026-01-14T16:00:00.000Z', 'Tuesday 16:30 → Wednesday 17:00'],
      ['2026-01-12T23:05:00Z', '2026-01-13T16:00:00.000Z', 'Tuesday 00:05 (Monday in UTC) → Tuesday 17:00'],
      ['2026-01-16T14:30:00Z', '2026-01-19T16:00:00.000Z', 'Friday 15:30 → Monday 17:00'],
      ['2026-01-16T22:30:00Z', '2026-01-19T16:00:00.000Z', 'Friday 23:30 → Monday 17:00'],
      ['2026-01-17T09:00:00Z', '2026-01-19T16:00:00.000Z', 'Saturday 10:00 → Monday 17:00'],
      ['2026-01-18T22:59:00Z', '2026-01-19T16:00:00.000Z', 'Sunday 23:59 → Monday 17:00'],
      ['2026-04-02T08:00:00Z', '2026-04-02T15:00:00.000Z', 'skärtorsdagen 10:00 → 17:00 the same day'],
      ['2026-04-02T14:00:00Z', '2026-04-07T15:00:00.000Z', 'skärtorsdagen 16:00 → Tuesday after annandag påsk'],
      ['2026-04-03T08:00:00Z', '2026-04-07T15:00:00.000Z', 'långfredagen 10:00 → Tuesday after annandag påsk'],
      ['2026-04-06T08:00:00Z', '2026-04-07T15:00:00.000Z', 'annandag påsk 10:00 → Tuesday'],
      ['2026-05-14T08:00:00Z', '2026-05-15T15:00:00.000Z', 'Kristi himmelsfärd → the Friday after'],
      ['2026-06-19T07:00:00Z', '2026-06-22T15:00:00.000Z', 'midsommarafton 09:00 → Monday'],
      ['2026-12-23T14:30:00Z', '2026-12-28T16:00:00.000Z', 'the day before julafton, 15:30 → Monday 28 December'],
      ['2026-12-30T15:00:00Z', '2027-01-04T16:00:00.000Z', 'the day before nyårsafton, 16:00 → Monday 4 January'],
      ['2027-01-05T15:00:00Z', '2027-01-07T16:00:00.000Z', 'trettondagsafton 16:00 → Thursday after trettondedag jul'],
      ['2026-03-27T15:00:00Z', '2026-03-30T15:00:00.000Z', 'Friday 16:00 winter time → Monday 17:00 summer time'],
      ['2026-03-29T08:00:00Z', '2026-03-30T15:00:00.000Z', 'the spring change Sunday → Monday 17:00 summer time'],
      ['2026-10-23T14:00:00Z', '2026-10-26T16:00:00.000Z', 'Friday 16:00 summer time → Monday 17:00 winter time'],
      ['2026-10-25T01:30:00Z', '2026-10-26T16:00:00.000Z', 'the second 02:30 of the autumn change → Monday 17:00'],
      ['2026-10-26T13:59:00Z', '2026-10-26T16:00:00.000Z', 'Monday after the autumn change, 14:59 winter time → same day'],
    ];
    for (const [reportedAt, due, what] of ordinary) {
      it(`${what}`, () => assert.equal(iso(acknowledgementDue(at(reportedAt), false)), due));
    }

    it('gives a possibly serious report 60 minutes, even at 23:30 on a Saturday', () => {
      const due = acknowledgementDue(at('2026-01-17T22:30:00Z'), true);
      assert.equal(iso(due), '2026-01-17T23:30:00.000Z');
      assert.equal(stockholmLocal(due), '2026-01-18T00:30');
    });

    it('gives a possibly serious report 60 minutes on a working morning too, not the end of the day', () => {
      assert.equal(iso(acknowledgementDue(at('2026-01-13T09:00:30.250Z'), true)), '2026-01-13T10:00:30.250Z');
    });

    it('counts the serious 60 minutes in real time across the clock changes', () => {
      const spring = acknowledgementDue(at('2026-03-29T00:30:00Z'), true);
      assert.equal(iso(spring), '2026-03-29T01:30:00.000Z');
      assert.equal(stockholmLocal(spring), '2026-03-29T03:30');
      const autumn = acknowledgementDue(at('2026-10-25T00:30:00Z'), true);
      assert.equal(iso(autumn), '2026-10-25T01:30:00.000Z');
      assert.equal(stockholmLocal(autumn), '2026-10-25T02:30');
    });

    it('follows a configured policy', () => {
      const policy = deadlinePolicy({ ackCutoff: '12:00', workdayEnd: '16:00', seriousAckMinutes: 30 });
      assert.equal(iso(acknowledgementDue(at('2026-01-13T10:59:00Z'), false, policy)), '2026-01-13T15:00:00.000Z');
      assert.equal(iso(acknowledgementDue(at('2026-01-13T11:00:00Z'), false, policy)), '2026-01-14T15:00:00.000Z');
      assert.equal(iso(acknowledgementDue(at('2026-01-13T11:00:00Z'), true, policy)), '2026-01-13T11:30:00.000Z');
    });

    it('never falls due before the report is made, and always at 17:00 on a working day', () => {
      for (let t = Date.parse('2026-03-20T00:00:00Z'); t < Date.parse('2026-04-15T00:00:00Z'); t += 37 * 60_000) {
        const due = acknowledgementDue(new Date(t), false);
        const local = stockholmLocal(due);
        assert.ok(due.getTime() > t, new Date(t).toISOString());
        assert.equal(local.slice(11), '17:00');
        assert.ok(isWorkingDay(local.slice(0, 10)), local);
      }
    });
  });

  describe('reminderInstantOn', () => {
    it('is 09:00 Swedish time on the date, in winter, summer and on both change days', () => {
      assert.equal(iso(reminderInstantOn('2026-01-14')), '2026-01-14T08:00:00.000Z');
      assert.equal(iso(reminderInstantOn('2026-07-01')), '2026-07-01T07:00:00.000Z');
      assert.equal(iso(reminderInstantOn('2026-03-29')), '2026-03-29T07:00:00.000Z');
      assert.equal(iso(reminderInstantOn('2026-10-25')), '2026-10-25T08:00:00.000Z');
    });

    it('does not check whether the date is a working day', () => {
      assert.equal(iso(reminderInstantOn('2026-12-25')), '2026-12-25T08:00:00.000Z');
    });

    it('uses the configured reminder time', () => {
      assert.equal(iso(reminderInstantOn('2026-01-14', deadlinePolicy({ reminderTime: '07:30' }))), '2026-01-14T06:30:00.000Z');
    });
  });

  describe('nextWorkingMorning', () => {
    const cases: Array<[string, string, string]> = [
      ['2026-01-13T07:00:00Z', '2026-01-13T08:00:00.000Z', 'Tuesday 08:00 → 09:00 the same day'],
      ['2026-01-13T07:59:59.999Z', '2026-01-13T08:00:00.000Z', 'Tuesday 08:59:59.999 → 09:00 the same day'],
      ['2026-01-13T08:00:00Z', '2026-01-14T08:00:00.000Z', 'Tuesday exactly 09:00 → Wednesday 09:00'],
      ['2026-01-16T09:00:00Z', '2026-01-19T08:00:00.000Z', 'Friday 10:00 → Monday 09:00'],
      ['2026-01-17T07:00:00Z', '2026-01-19T08:00:00.000Z', 'Saturday 08:00 → Monday 09:00'],
      ['2026-01-18T23:30:00Z', '2026-01-19T08:00:00.000Z', 'Monday 00:30 (Sunday in UTC) → Monday 09:00'],
      ['2026-04-02T08:00:00Z', '2026-04-07T07:00:00.000Z', 'skärtorsdagen 10:00 → Tuesday after annandag påsk'],
      ['2026-12-23T11:00:00Z', '2026-12-28T08:00:00.000Z', 'the day before julafton → Monday 28 December'],
      ['2026-12-30T09:00:00Z', '2027-01-04T08:00:00.000Z', 'the day before nyårsafton → Monday 4 January'],
      ['2026-03-27T09:00:00Z', '2026-03-30T07:00:00.000Z', 'Friday winter time → Monday 09:00 summer time'],
      ['2026-10-23T08:00:00Z', '2026-10-26T08:00:00.000Z', 'Friday summer time → Monday 09:00 winter time'],
    ];
    for (const [after, expected, what] of cases) {
      it(`${what}`, () => assert.equal(iso(nextWorkingMorning(at(after))), expected));
    }

    it('uses the configured reminder time', () => {
      const policy = deadlinePolicy({ reminderTime: '07:30' });
      assert.equal(iso(nextWorkingMorning(at('2026-01-13T06:00:00Z'), policy)), '2026-01-13T06:30:00.000Z');
      assert.equal(iso(nextWorkingMorning(at('2026-01-13T06:30:00Z'), policy)), '2026-01-14T06:30:00.000Z');
    });

    it('is the first working-day reminder strictly after the instant, across Easter and both clock changes', () => {
      for (const [from, to] of [
        ['2026-03-20T00:00:00Z', '2026-04-15T00:00:00Z'],
        ['2026-10-15T00:00:00Z', '2026-11-05T00:00:00Z'],
      ]) {
        for (let t = Date.parse(from); t < Date.parse(to); t += 53 * 60_000) {
          const next = nextWorkingMorning(new Date(t));
          const date = stockholmLocal(next).slice(0, 10);
          assert.ok(next.getTime() > t, new Date(t).toISOString());
          assert.equal(stockholmLocal(next).slice(11), '09:00');
          assert.ok(isWorkingDay(date), date);
          assert.ok(reminderInstantOn(addWorkingDays(date, -1)).getTime() <= t, new Date(t).toISOString());
        }
      }
    });
  });

  describe('isOverdue', () => {
    const due = at('2026-01-13T16:00:00Z');

    it('is not overdue before or exactly at the deadline', () => {
      assert.equal(isOverdue(due, at('2026-01-13T15:59:59.999Z')), false);
      assert.equal(isOverdue(due, at('2026-01-13T16:00:00Z')), false);
    });

    it('is overdue from the first millisecond after it', () => {
      assert.equal(isOverdue(due, at('2026-01-13T16:00:00.001Z')), true);
      assert.equal(isOverdue(due, at('2026-02-01T00:00:00Z')), true);
    });
  });
});
