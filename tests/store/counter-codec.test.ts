import { strict as assert } from 'node:assert';
import { COUNTER_LAYOUT } from '../../src/domain/lagesbild-counters';
import { CounterSum, decodeCounters, encodeCounters, LAYOUT_ID } from '../../src/store/sqlite/counter-codec';

describe('sqlite counter documents', () => {
  it('keep the known keys as a dense vector and units beside it', () => {
    const counters = { n: 3, 'form:violence': 2, 'close:17': 1, 'unit:u1': 3 };
    const doc = JSON.parse(encodeCounters(counters));
    assert.equal(doc.l, LAYOUT_ID);
    assert.equal(doc.v.length, COUNTER_LAYOUT.length);
    assert.deepEqual(doc.x, { 'unit:u1': 3 });
    assert.deepEqual(decodeCounters(encodeCounters(counters)), counters);
    assert.deepEqual(decodeCounters(encodeCounters({})), {});
  });

  it('add up vectors, maps of earlier documents, and negative counts, dropping zeros', () => {
    const sum = new CounterSum();
    sum.add(encodeCounters({ n: 2, 'form:violence': 1, 'unit:u1': 2 }));
    sum.add(JSON.stringify({ n: 1, 'form:violence': -1, 'unit:u2': 1 }));
    assert.deepEqual(sum.counters(), { n: 3, 'unit:u1': 2, 'unit:u2': 1 });
  });

  it('refuse a document of another layout instead of misreading it', () => {
    assert.throws(() => decodeCounters(JSON.stringify({ l: 'other', v: [1] })), /layout other/);
  });

  it('have a pinned layout: changing the code lists needs a migration that re-encodes lagesbild_counters', () => {
    assert.equal(COUNTER_LAYOUT.length, 1 + 7 + 8 + 9 + 6 + 6 + 3 * 18);
    assert.equal(LAYOUT_ID, LAYOUT_ID_PINNED);
  });
});

/** Update only together with a migration that re-encodes the stored counter documents. */
const LAYOUT_ID_PINNED = 'aee8372f';
