import { strict as assert } from 'node:assert';
import { formatCaseNumber, parseCaseNumber } from '../../src/domain/case-number';

describe('case number', () => {
  describe('formatCaseNumber', () => {
    it('pads the sequence to four digits', () => {
      assert.equal(formatCaseNumber(2026, 1), '2026-0001');
      assert.equal(formatCaseNumber(2026, 42), '2026-0042');
      assert.equal(formatCaseNumber(2027, 999), '2027-0999');
      assert.equal(formatCaseNumber(2026, 9999), '2026-9999');
    });

    it('uses more digits once past 9999', () => {
      assert.equal(formatCaseNumber(2026, 10000), '2026-10000');
      assert.equal(formatCaseNumber(2026, 123456), '2026-123456');
    });

    it('sorts in allocation order within a year up to 9999', () => {
      const numbers = [1, 2, 10, 99, 100, 1000, 9999].map((n) => formatCaseNumber(2026, n));
      assert.deepEqual([...numbers].sort(), numbers);
    });
  });

  describe('parseCaseNumber', () => {
    it('reads the usual spellings', () => {
      assert.deepEqual(parseCaseNumber('2026-0042'), { year: 2026, sequence: 42 });
      assert.deepEqual(parseCaseNumber('2026-42'), { year: 2026, sequence: 42 });
      assert.deepEqual(parseCaseNumber(' 2026-0042 '), { year: 2026, sequence: 42 });
      assert.deepEqual(parseCaseNumber('\t2026-7\n'), { year: 2026, sequence: 7 });
      assert.deepEqual(parseCaseNumber('2026-10000'), { year: 2026, sequence: 10000 });
      assert.deepEqual(parseCaseNumber('2026-1234567'), { year: 2026, sequence: 1234567 });
    });

    it('round-trips what formatCaseNumber writes', () => {
      for (const [year, sequence] of [
        [2026, 1],
        [2026, 50],
        [2030, 9999],
        [2031, 10000],
      ]) {
        assert.deepEqual(parseCaseNumber(formatCaseNumber(year, sequence)), { year, sequence });
      }
    });

    it('rejects anything else', () => {
      for (const text of [
        '',
        '   ',
        '2026',
        '2026-',
        '-0042',
        '26-0042',
        '02026-0042',
        '2026-0000',
        '2026-0',
        '2026-12345678',
        '2026/0042',
        '2026 0042',
        '2026–0042',
        'ärende 2026-0042',
        '2026-0042 tack',
        '2026-0042a',
        '2026--42',
        '2026-+42',
        '2026-4.2',
        '2026-42e1',
      ]) {
        assert.equal(parseCaseNumber(text), undefined, JSON.stringify(text));
      }
    });
  });
});
