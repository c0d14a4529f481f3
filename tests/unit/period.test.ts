import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultPeriod, parsePeriod, previousPeriod, MAX_PERIOD_DAYS, type Period } from '../../src/domain/period';
import { isLocalDate, stockholmDate, stockholmDayStart } from '../../src/domain/stockholm-instant';

// Monday 23 November 2026, 11:00 in Stockholm (CET, UTC+1).
const NOW = new Date('2026-11-23T10:00:00Z');

/** The period as ISO strings, for readable assertions. */
function iso(p: Period | undefined): [string, string, string] | undefined {
  return p && [p.label, p.from.toISOString(), p.to.toISOString()];
}

function parse(text: string, now = NOW): [string, string, string] | undefined {
  return iso(parsePeriod(text, now));
}

describe('report periods', () => {
  describe('stockholmDayStart', () => {
    it('is 23:00 UTC the day before in winter and 22:00 UTC in summer', () => {
      assert.equal(stockholmDayStart('2026-11-23').toISOString(), '2026-11-22T23:00:00.000Z');
      assert.equal(stockholmDayStart('2026-07-01').toISOString(), '2026-06-30T22:00:00.000Z');
      assert.equal(stockholmDayStart('2027-01-01').toISOString(), '2026-12-31T23:00:00.000Z');
    });

    it('gets the days on which the clocks change right', () => {
      assert.equal(stockholmDayStart('2026-03-29').toISOString(), '2026-03-28T23:00:00.000Z');
      assert.equal(stockholmDayStart('2026-03-30').toISOString(), '2026-03-29T22:00:00.000Z');
      assert.equal(stockholmDayStart('2026-10-25').toISOString(), '2026-10-24T22:00:00.000Z');
      assert.equal(stockholmDayStart('2026-10-26').toISOString(), '2026-10-25T23:00:00.000Z');
    });

    it('turns back into the same date for every day of several years', () => {
      for (let d = Date.UTC(2025, 0, 1); d < Date.UTC(2029, 0, 1); d += 86_400_000) {
        const date = new Date(d).toISOString().slice(0, 10);
        const start = stockholmDayStart(date);
        assert.equal(stockholmDate(start), date);
        assert.equal(stockholmDate(new Date(start.getTime() - 1)), new Date(d - 86_400_000).toISOString().slice(0, 10));
      }
    });

    it('refuses dates that do not exist', () => {
      assert.equal(isLocalDate('2026-02-29'), false);
      assert.equal(isLocalDate('2028-02-29'), true);
      assert.throws(() => stockholmDayStart('2026-02-30'), RangeError);
    });
  });

  describe('parsePeriod: rolling periods', () => {
    it('reads 30d in Swedish and English: today so far and the 29 whole days before', () => {
      const expected: [string, string, string] = ['30d', '2026-10-24T22:00:00.000Z', '2026-11-23T10:00:00.000Z'];
      for (const text of ['30d', '30D', '30 d', '30 dagar', '30 Dagar', 'senaste 30 dagarna', '30 days', 'last 30 days', ' 30d ']) {
        assert.deepEqual(parse(text), expected, text);
      }
    });

    it('starts at Swedish midnight even across the change to winter time', () => {
      // 24 October 2026 00:00 CEST is 22:00 UTC; the clocks went back on 25 October.
      assert.equal(parsePeriod('31d', NOW)?.from.toISOString(), '2026-10-23T22:00:00.000Z');
      // 26 October 00:00 CET is 23:00 UTC the day before.
      assert.equal(parsePeriod('29d', NOW)?.from.toISOString(), '2026-10-25T23:00:00.000Z');
    });

    it('reads 7d and 1d (today so far)', () => {
      assert.deepEqual(parse('7d'), ['7d', '2026-11-16T23:00:00.000Z', '2026-11-23T10:00:00.000Z']);
      assert.deepEqual(parse('1 dag'), ['1d', '2026-11-22T23:00:00.000Z', '2026-11-23T10:00:00.000Z']);
    });

    it('reads weeks in Swedish and English as 7·N days', () => {
      const expected: [string, string, string] = ['12w', '2026-08-31T22:00:00.000Z', '2026-11-23T10:00:00.000Z'];
      for (const text of ['12v', '12w', '12 v', '12 veckor', '12 weeks', '12 Weeks', 'senaste 12 veckorna']) {
        assert.deepEqual(parse(text), expected, text);
      }
    });

    it('uses Swedish today, not UTC today, late in the evening', () => {
      // 22:30 UTC is 23:30 on the 23rd in Stockholm; 23:30 UTC is already 00:30 on the 24th.
      const lateEvening = new Date('2026-11-23T22:30:00Z');
      assert.equal(parsePeriod('1d', lateEvening)?.from.toISOString(), '2026-11-22T23:00:00.000Z');
      const afterMidnight = new Date('2026-11-23T23:30:00Z');
      assert.equal(parsePeriod('1d', afterMidnight)?.from.toISOString(), '2026-11-23T23:00:00.000Z');
    });

    it('accepts up to 3660 days and refuses 0 days and more', () => {
      assert.equal(parsePeriod(`${MAX_PERIOD_DAYS}d`, NOW)?.label, '3660d');
      assert.equal(parsePeriod('522w', NOW)?.label, '522w');
      for (const text of ['0d', '0 dagar', '0v', '3661d', '523w', '99999d', '-5d', '1.5d']) {
        assert.equal(parsePeriod(text, NOW), undefined, text);
      }
    });
  });

  describe('parsePeriod: calendar periods', () => {
    it('reads a year', () => {
      assert.deepEqual(parse('2026'), ['2026', '2025-12-31T23:00:00.000Z', '2026-12-31T23:00:00.000Z']);
      assert.deepEqual(parse('2025'), ['2025', '2024-12-31T23:00:00.000Z', '2025-12-31T23:00:00.000Z']);
    });

    it('reads a quarter written in every usual way', () => {
      const expected: [string, string, string] = ['2026-Q3', '2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z'];
      for (const text of ['2026-Q3', '2026-q3', '2026 Q3', '2026Q3', 'Q3 2026', 'q3-2026', '2026-k3', '2026 K3', '2026 kv3', 'kv3 2026']) {
        assert.deepEqual(parse(text), expected, text);
      }
      assert.deepEqual(parse('2026-Q1'), ['2026-Q1', '2025-12-31T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
      assert.deepEqual(parse('2026-Q4'), ['2026-Q4', '2026-09-30T22:00:00.000Z', '2026-12-31T23:00:00.000Z']);
    });

    it('reads a month, with the change to summer time inside it', () => {
      assert.deepEqual(parse('2026-10'), ['2026-10', '2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z']);
      assert.deepEqual(parse('2026-03'), ['2026-03', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
      assert.deepEqual(parse('2026-3'), ['2026-03', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    });

    it('reads a day and a range of days, a day being 23 or 25 hours when the clocks change', () => {
      assert.deepEqual(parse('2026-03-29'), ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
      assert.deepEqual(parse('2026-10-25'), ['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
      const range: [string, string, string] = ['2026-11-01..2026-11-15', '2026-10-31T23:00:00.000Z', '2026-11-15T23:00:00.000Z'];
      for (const text of ['2026-11-01..2026-11-15', '2026-11-01 – 2026-11-15', '2026-11-01 till 2026-11-15', '2026-11-01 to 2026-11-15']) {
        assert.deepEqual(parse(text), range, text);
      }
    });

    it('keeps a running calendar unit whole (its end may be after now)', () => {
      assert.deepEqual(parse('2026-11'), ['2026-11', '2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    });
  });

  describe('parsePeriod: words', () => {
    const cases: [string[], [string, string, string]][] = [
      [['idag', 'i dag', 'IDAG', 'today'], ['2026-11-23', '2026-11-22T23:00:00.000Z', '2026-11-23T23:00:00.000Z']],
      [['igår', 'igar', 'i går', 'yesterday'], ['2026-11-22', '2026-11-21T23:00:00.000Z', '2026-11-22T23:00:00.000Z']],
      [['denna månad', 'Denna Månad', 'innevarande månad', 'this month'], ['2026-11', '2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']],
      [['förra månaden', 'forra manaden', 'FÖRRA  MÅNADEN', 'last month'], ['2026-10', '2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z']],
      [['detta kvartal', 'this quarter'], ['2026-Q4', '2026-09-30T22:00:00.000Z', '2026-12-31T23:00:00.000Z']],
      [['förra kvartalet', 'forra kvartalet', 'last quarter'], ['2026-Q3', '2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z']],
      [['i år', 'i ar', 'I ÅR', 'this year'], ['2026', '2025-12-31T23:00:00.000Z', '2026-12-31T23:00:00.000Z']],
      [['förra året', 'forra aret', 'i fjol', 'last year'], ['2025', '2024-12-31T23:00:00.000Z', '2025-12-31T23:00:00.000Z']],
    ];
    for (const [texts, expected] of cases) {
      it(`reads ${texts.join(' / ')}`, () => {
        for (const text of texts) assert.deepEqual(parse(text), expected, text);
      });
    }

    it('crosses year boundaries: last month and last quarter in January', () => {
      const january = new Date('2027-01-10T12:00:00Z');
      assert.equal(parsePeriod('förra månaden', january)?.label, '2026-12');
      assert.equal(parsePeriod('förra kvartalet', january)?.label, '2026-Q4');
      assert.equal(parsePeriod('igår', new Date('2027-01-01T08:00:00Z'))?.label, '2026-12-31');
    });

    it('uses the Swedish date: 00:30 on New Year’s Day is already the new year', () => {
      const newYear = new Date('2026-12-31T23:30:00Z');
      assert.equal(parsePeriod('i år', newYear)?.label, '2027');
      assert.equal(parsePeriod('idag', newYear)?.label, '2027-01-01');
    });
  });

  describe('parsePeriod: refusals', () => {
    it('refuses nonsense', () => {
      for (const text of ['', ' ', 'hej', 'd', '30', '30x', 'dagar', '2026-13', '2026-00', '2026-Q5', '2026-Q0', 'Q3', '26-Q3', '2026-02-30', '20261', 'förra', 'last', 'last 2 months', '2026-11-15..2026-11-01', '30d 2026']) {
        assert.equal(parsePeriod(text, NOW), undefined, JSON.stringify(text));
      }
    });

    it('refuses periods that start in the future', () => {
      for (const text of ['2027', '2027-Q1', '2026-12', '2026-11-24', '2026-11-24..2026-11-30']) {
        assert.equal(parsePeriod(text, NOW), undefined, text);
      }
    });

    it('refuses years before 2000 and ranges longer than 3660 days', () => {
      assert.equal(parsePeriod('1999', NOW), undefined);
      assert.equal(parsePeriod('1999-Q4', NOW), undefined);
      assert.equal(parsePeriod('2010-01-01..2020-12-31', NOW), undefined);
      assert.equal(parsePeriod('2016-01-01..2026-01-07', NOW)?.label, '2016-01-01..2026-01-07');
    });
  });

  describe('defaultPeriod', () => {
    it('is the last 30 days', () => {
      assert.deepEqual(iso(defaultPeriod(NOW)), parse('30d'));
    });
  });

  describe('previousPeriod', () => {
    const previous = (text: string): [string, string, string] | undefined => iso(previousPeriod(parsePeriod(text, NOW)!));

    it('gives the previous calendar unit', () => {
      assert.deepEqual(previous('2026-Q3'), ['2026-Q2', '2026-03-31T22:00:00.000Z', '2026-06-30T22:00:00.000Z']);
      assert.deepEqual(previous('2026-Q1'), ['2025-Q4', '2025-09-30T22:00:00.000Z', '2025-12-31T23:00:00.000Z']);
      assert.deepEqual(previous('2026-03'), ['2026-02', '2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z']);
      assert.deepEqual(previous('2026-01'), ['2025-12', '2025-11-30T23:00:00.000Z', '2025-12-31T23:00:00.000Z']);
      assert.deepEqual(previous('2026'), ['2025', '2024-12-31T23:00:00.000Z', '2025-12-31T23:00:00.000Z']);
      assert.deepEqual(previous('idag'), ['2026-11-22', '2026-11-21T23:00:00.000Z', '2026-11-22T23:00:00.000Z']);
    });

    it('gives the N whole days before a rolling period', () => {
      assert.deepEqual(previous('30d'), ['2026-09-25..2026-10-24', '2026-09-24T22:00:00.000Z', '2026-10-24T22:00:00.000Z']);
      assert.deepEqual(previous('2w'), ['2026-10-27..2026-11-09', '2026-10-26T23:00:00.000Z', '2026-11-09T23:00:00.000Z']);
    });

    it('gives as many whole days before a range, and the label reads back', () => {
      const before = previousPeriod(parsePeriod('2026-11-01..2026-11-15', NOW)!);
      assert.deepEqual(iso(before), ['2026-10-17..2026-10-31', '2026-10-16T22:00:00.000Z', '2026-10-31T23:00:00.000Z']);
      assert.deepEqual(iso(parsePeriod(before.label, NOW)), iso(before));
      assert.deepEqual(iso(previousPeriod(before)), ['2026-10-02..2026-10-16', '2026-10-01T22:00:00.000Z', '2026-10-16T22:00:00.000Z']);
    });

    it('falls back to the same duration for a period it did not make', () => {
      const odd: Period = { from: new Date('2026-11-10T12:00:00Z'), to: new Date('2026-11-11T12:00:00Z'), label: 'odd' };
      const before = previousPeriod(odd);
      assert.equal(before.from.toISOString(), '2026-11-09T12:00:00.000Z');
      assert.equal(before.to.toISOString(), '2026-11-10T12:00:00.000Z');
    });
  });

  describe('properties', () => {
    const instant = fc.date({ min: new Date('2005-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true });

    it('a rolling period of N days starts at Swedish midnight N−1 days back and its predecessor ends where it starts', () => {
      fc.assert(
        fc.property(instant, fc.integer({ min: 1, max: 400 }), (now, n) => {
          const p = parsePeriod(`${n}d`, now)!;
          assert.equal(p.to.getTime(), now.getTime());
          assert.match(p.from.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }), /00:00:00$/);
          const before = previousPeriod(p);
          assert.equal(before.to.getTime(), p.from.getTime());
          assert.equal(Math.round((p.from.getTime() - before.from.getTime()) / 86_400_000), n);
        }),
        { numRuns: 300 },
      );
    });

    it('calendar labels read back to the same period, and previous periods tile time without gaps', () => {
      const texts = ['idag', 'igår', 'denna månad', 'förra månaden', 'detta kvartal', 'förra kvartalet', 'i år', 'förra året'];
      fc.assert(
        fc.property(instant, fc.constantFrom(...texts), (now, text) => {
          let p = parsePeriod(text, now)!;
          assert.deepEqual(iso(parsePeriod(p.label, now)), iso(p));
          for (let i = 0; i < 3; i++) {
            const before = previousPeriod(p);
            assert.equal(before.to.getTime(), p.from.getTime());
            assert.ok(before.from < before.to);
            assert.deepEqual(iso(parsePeriod(before.label, now)), iso(before));
            p = before;
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
