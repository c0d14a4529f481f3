import { strict as assert } from 'node:assert';
import { findIdentityNumbers, luhnCheckDigit } from '../../src/domain/personnummer';

const kinds = (text: string) => findIdentityNumbers(text).map((m) => `${m.kind}:${m.text}`);

describe('personnummer detection', () => {
  it('computes the Luhn check digit', () => {
    assert.equal(luhnCheckDigit('811218987'), 6); // Skatteverket's example 811218-9876
    assert.equal(luhnCheckDigit('121212121'), 2); // 121212-1212
  });

  it('finds a personnummer with a valid check digit in all usual spellings', () => {
    for (const written of ['811218-9876', '8112189876', '19811218-9876', '198112189876', '811218+9876', '811218 9876']) {
      assert.deepEqual(kinds(`Klienten (${written}) ringde.`), [`personnummer:${written}`], written);
    }
  });

  it('finds a samordningsnummer (day + 60)', () => {
    // 701063-2391: born 1970-10-03, samordningsnummer, check digit 1 (Skatteverket's example)
    assert.deepEqual(kinds('nr 701063-2391'), ['samordningsnummer:701063-2391']);
    assert.deepEqual(kinds('nr 19701063-2391'), ['samordningsnummer:19701063-2391']);
  });

  it('ignores numbers whose check digit is wrong', () => {
    assert.deepEqual(kinds('811218-9875 och 8112189877'), []);
  });

  it('ignores impossible dates', () => {
    // month 13, day 32, 30 February with century, day 92 (samordning beyond 31)
    const candidates = ['811318', '811232', '19810230', '811292'];
    for (const date of candidates) {
      // choose serial 123 and compute the right check digit so only the date can fail
      const yymmdd = date.length === 8 ? date.slice(2) : date;
      const check = luhnCheckDigit(yymmdd + '123');
      assert.deepEqual(kinds(`${date}-123${check}`), [], date);
    }
  });

  it('accepts 29 February only in leap years when the century is given', () => {
    const check = luhnCheckDigit('000229123');
    assert.equal(kinds(`20000229-123${check}`).length, 1);
    const check2 = luhnCheckDigit('010229123');
    assert.equal(kinds(`20010229-123${check2}`).length, 0);
  });

  it('does not flag parts of longer numbers, dates or phone numbers with a bad check digit', () => {
    assert.deepEqual(kinds('ärende 12345678901234'), []);
    assert.deepEqual(kinds('den 2026-11-23 kl 14.30'), []);
    assert.deepEqual(kinds('ring 070-123 45 67'), []);
  });

  it('reports every number found, with its position', () => {
    const text = 'A 811218-9876, B 121212-1212.';
    const found = findIdentityNumbers(text);
    assert.deepEqual(found.map((f) => f.index), [2, 17]);
  });
});
