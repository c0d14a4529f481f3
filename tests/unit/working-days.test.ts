import { strict as assert } from 'node:assert';
import {
  addWorkingDays,
  easterSunday,
  isWorkingDay,
  nextWorkingDay,
  swedishHolidays,
} from '../../src/domain/working-days';

/** The days off of each year, as printed in a Swedish calendar. */
const DAYS_OFF: Record<number, Array<[string, string]>> = {
  2025: [
    ['2025-01-01', 'new-years-day'],
    ['2025-01-06', 'epiphany'],
    ['2025-04-18', 'good-friday'],
    ['2025-04-19', 'easter-eve'],
    ['2025-04-20', 'easter-sunday'],
    ['2025-04-21', 'easter-monday'],
    ['2025-05-01', 'may-day'],
    ['2025-05-29', 'ascension-day'],
    ['2025-06-06', 'national-day'],
    ['2025-06-08', 'whit-sunday'],
    ['2025-06-20', 'midsummer-eve'],
    ['2025-06-21', 'midsummer-day'],
    ['2025-11-01', 'all-saints-day'],
    ['2025-12-24', 'christmas-eve'],
    ['2025-12-25', 'christmas-day'],
    ['2025-12-26', 'boxing-day'],
    ['2025-12-31', 'new-years-eve'],
  ],
  2026: [
    ['2026-01-01', 'new-years-day'],
    ['2026-01-06', 'epiphany'],
    ['2026-04-03', 'good-friday'],
    ['2026-04-04', 'easter-eve'],
    ['2026-04-05', 'easter-sunday'],
    ['2026-04-06', 'easter-monday'],
    ['2026-05-01', 'may-day'],
    ['2026-05-14', 'ascension-day'],
    ['2026-05-24', 'whit-sunday'],
    ['2026-06-06', 'national-day'],
    ['2026-06-19', 'midsummer-eve'],
    ['2026-06-20', 'midsummer-day'],
    ['2026-10-31', 'all-saints-day'],
    ['2026-12-24', 'christmas-eve'],
    ['2026-12-25', 'christmas-day'],
    ['2026-12-26', 'boxing-day'],
    ['2026-12-31', 'new-years-eve'],
  ],
  2027: [
    ['2027-01-01', 'new-years-day'],
    ['2027-01-06', 'epiphany'],
    ['2027-03-26', 'good-friday'],
    ['2027-03-27', 'easter-eve'],
    ['2027-03-28', 'easter-sunday'],
    ['2027-03-29', 'easter-monday'],
    ['2027-05-01', 'may-day'],
    ['2027-05-06', 'ascension-day'],
    ['2027-05-16', 'whit-sunday'],
    ['2027-06-06', 'national-day'],
    ['2027-06-25', 'midsummer-eve'],
    ['2027-06-26', 'midsummer-day'],
    ['2027-11-06', 'all-saints-day'],
    ['2027-12-24', 'christmas-eve'],
    ['2027-12-25', 'christmas-day'],
    ['2027-12-26', 'boxing-day'],
    ['2027-12-31', 'new-years-eve'],
  ],
};

describe('Swedish working days', () => {
  describe('easterSunday', () => {
    const known: Array<[number, string]> = [
      [1818, '1818-03-22'], // earliest possible
      [1943, '1943-04-25'], // latest possible
      [2000, '2000-04-23'],
      [2008, '2008-03-23'],
      [2019, '2019-04-21'],
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2027, '2027-03-28'],
      [2028, '2028-04-16'],
      [2038, '2038-04-25'],
      [2285, '2285-03-22'],
    ];
    for (const [year, date] of known) {
      it(`is ${date} in ${year}`, () => assert.equal(easterSunday(year), date));
    }

    it('rejects years outside the Gregorian calendar and fractions', () => {
      assert.throws(() => easterSunday(1582), RangeError);
      assert.throws(() => easterSunday(10000), RangeError);
      assert.throws(() => easterSunday(2026.5), RangeError);
      assert.throws(() => easterSunday(Number.NaN), RangeError);
    });
  });

  describe('swedishHolidays', () => {
    for (const [year, expected] of Object.entries(DAYS_OFF)) {
      it(`lists exactly the days off of ${year}, in date order`, () => {
        assert.deepEqual([...swedishHolidays(Number(year))], expected);
      });

      it(`puts midsommarafton, midsommardagen and alla helgons dag on Friday, Saturday, Saturday in ${year}`, () => {
        const holidays = [...swedishHolidays(Number(year))];
        const weekdayOf = (id: string) => new Date(`${holidays.find(([, name]) => name === id)?.[0]}T00:00Z`).getUTCDay();
        assert.equal(weekdayOf('midsummer-eve'), 5);
        assert.equal(weekdayOf('midsummer-day'), 6);
        assert.equal(weekdayOf('all-saints-day'), 6);
        assert.equal(weekdayOf('good-friday'), 5);
        assert.equal(weekdayOf('easter-monday'), 1);
        assert.equal(weekdayOf('ascension-day'), 4);
      });
    }

    it('finds midsommarafton at both ends of 19–25 June and alla helgons dag at both ends of 31 Oct–6 Nov', () => {
      assert.equal(swedishHolidays(2020).get('2020-06-19'), 'midsummer-eve');
      assert.equal(swedishHolidays(2021).get('2021-06-25'), 'midsummer-eve');
      assert.equal(swedishHolidays(2020).get('2020-10-31'), 'all-saints-day');
      assert.equal(swedishHolidays(2021).get('2021-11-06'), 'all-saints-day');
    });

    it('names both when Kristi himmelsfärd falls on 1 May (2008)', () => {
      const holidays = swedishHolidays(2008);
      assert.equal(holidays.get('2008-05-01'), 'may-day+ascension-day');
      assert.equal(holidays.size, 16);
    });

    it('returns a new map on every call', () => {
      assert.notEqual(swedishHolidays(2026), swedishHolidays(2026));
      assert.deepEqual([...swedishHolidays(2026)], [...swedishHolidays(2026)]);
    });
  });

  describe('isWorkingDay', () => {
    it('is true Monday to Friday in an ordinary week', () => {
      for (const date of ['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16']) {
        assert.equal(isWorkingDay(date), true, date);
      }
    });

    it('is false on Saturdays and Sundays', () => {
      for (const date of ['2026-01-17', '2026-01-18', '2025-12-27', '2027-02-28']) {
        assert.equal(isWorkingDay(date), false, date);
      }
    });

    for (const [year, days] of Object.entries(DAYS_OFF)) {
      it(`is false on every day off of ${year}`, () => {
        for (const [date] of days) assert.equal(isWorkingDay(date), false, date);
      });
    }

    it('is true on half days and days that are not holidays', () => {
      // trettondagsafton, skärtorsdagen, valborgsmässoafton, allhelgonaafton, the day after Kristi himmelsfärd
      for (const date of ['2026-01-05', '2026-04-02', '2026-04-30', '2026-10-30', '2026-05-15']) {
        assert.equal(isWorkingDay(date), true, date);
      }
    });

    it('counts 251 working days in 2026 (nationaldagen and annandag jul fall on Saturdays)', () => {
      let count = 0;
      for (let d = new Date('2026-01-01T00:00Z'); d.getUTCFullYear() === 2026; d = new Date(d.getTime() + 86_400_000)) {
        if (isWorkingDay(d.toISOString().slice(0, 10))) count += 1;
      }
      assert.equal(count, 251);
    });

    it('rejects anything but a real YYYY-MM-DD date', () => {
      for (const bad of ['2026-02-30', '2026-13-01', '2026-1-5', '2026-01-05T10:00', '', 'idag']) {
        assert.throws(() => isWorkingDay(bad), RangeError, bad);
      }
    });

    it('accepts 29 February in a leap year', () => {
      assert.equal(isWorkingDay('2028-02-29'), true);
    });
  });

  describe('nextWorkingDay', () => {
    const cases: Array<[string, string, string]> = [
      ['2026-01-13', '2026-01-14', 'Tuesday → Wednesday'],
      ['2026-01-16', '2026-01-19', 'Friday → Monday'],
      ['2026-01-17', '2026-01-19', 'Saturday → Monday'],
      ['2026-01-18', '2026-01-19', 'Sunday → Monday'],
      ['2026-04-02', '2026-04-07', 'skärtorsdagen → Tuesday after annandag påsk'],
      ['2026-04-03', '2026-04-07', 'långfredagen → Tuesday after annandag påsk'],
      ['2027-03-25', '2027-03-30', 'skärtorsdagen 2027 → Tuesday after annandag påsk'],
      ['2026-05-13', '2026-05-15', 'over Kristi himmelsfärd'],
      ['2026-06-18', '2026-06-22', 'over midsommar'],
      ['2026-12-23', '2026-12-28', 'over julafton, juldagen, annandag jul and the weekend'],
      ['2026-12-30', '2027-01-04', 'over nyårsafton, nyårsdagen and the weekend'],
      ['2027-01-05', '2027-01-07', 'over trettondedag jul'],
      ['2025-12-23', '2025-12-29', 'Christmas 2025'],
      ['2025-12-30', '2026-01-02', 'New Year 2025/26'],
      ['2027-12-23', '2027-12-27', 'Christmas 2027 on a weekend'],
    ];
    for (const [from, to, what] of cases) {
      it(`${what}: ${from} → ${to}`, () => assert.equal(nextWorkingDay(from), to));
    }

    it('is strictly after the date even when the date is a working day', () => {
      assert.equal(nextWorkingDay('2026-01-14'), '2026-01-15');
    });
  });

  describe('addWorkingDays', () => {
    it('returns the date itself for zero, working day or not', () => {
      assert.equal(addWorkingDays('2026-01-14', 0), '2026-01-14');
      assert.equal(addWorkingDays('2026-01-17', 0), '2026-01-17');
    });

    it('counts forward over weekends and holidays', () => {
      assert.equal(addWorkingDays('2026-01-14', 1), '2026-01-15');
      assert.equal(addWorkingDays('2026-01-14', 5), '2026-01-21');
      assert.equal(addWorkingDays('2026-04-01', 2), '2026-04-07');
      assert.equal(addWorkingDays('2026-12-22', 5), '2027-01-04');
    });

    it('counts backward over weekends and holidays', () => {
      assert.equal(addWorkingDays('2026-01-19', -1), '2026-01-16');
      assert.equal(addWorkingDays('2026-04-07', -1), '2026-04-02');
      assert.equal(addWorkingDays('2027-01-04', -5), '2026-12-22');
    });

    it('counts 251 working days through 2026', () => {
      assert.equal(addWorkingDays('2025-12-31', 251), '2026-12-30');
    });

    it('rejects fractions and bad dates', () => {
      assert.throws(() => addWorkingDays('2026-01-14', 1.5), RangeError);
      assert.throws(() => addWorkingDays('2026-01-14', Number.POSITIVE_INFINITY), RangeError);
      assert.throws(() => addWorkingDays('2026-02-29', 1), RangeError);
    });
  });
});
