import { strict as assert } from 'node:assert';
import { median, percentile, summarize } from '../bench/stats';

describe('bench stats: nearest-rank percentile', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('picks the sample at rank ceil(p/100 × n) of the sorted samples', () => {
    assert.equal(percentile(oneToHundred, 50), 50);
    assert.equal(percentile(oneToHundred, 99), 99);
    assert.equal(percentile(oneToHundred, 100), 100);
    assert.equal(percentile(oneToHundred, 1), 1);
    assert.equal(percentile(oneToHundred, 99.5), 100);
  });

  it('does not depend on the order of the samples and leaves them as they are', () => {
    const shuffled = [7, 1, 9, 3, 5];
    assert.equal(percentile(shuffled, 50), 5);
    assert.equal(percentile(shuffled, 80), 7);
    assert.equal(percentile(shuffled, 81), 9);
    assert.deepEqual(shuffled, [7, 1, 9, 3, 5]);
  });

  it('sorts numerically, not as strings', () => {
    assert.equal(percentile([100, 9, 20], 50), 20);
    assert.equal(percentile([100, 9, 20], 100), 100);
  });

  it('returns a real sample: a single sample is every percentile, ties are kept', () => {
    assert.equal(percentile([42], 1), 42);
    assert.equal(percentile([42], 99), 42);
    assert.equal(percentile([2, 2, 2, 10], 75), 2);
    assert.equal(percentile([2, 2, 2, 10], 76), 10);
  });

  it('gives NaN for no samples and rejects percentiles outside (0, 100]', () => {
    assert.ok(Number.isNaN(percentile([], 50)));
    assert.throws(() => percentile([1, 2], 0), RangeError);
    assert.throws(() => percentile([1, 2], 101), RangeError);
    assert.throws(() => percentile([1, 2], Number.NaN), RangeError);
  });

  it('takes the lower middle as the median of an even count', () => {
    assert.equal(median([4, 1, 3, 2]), 2);
    assert.equal(median([3, 1, 2]), 2);
  });

  it('summarizes latencies: count, p50, p99, mean, max', () => {
    const s = summarize([...oneToHundred, 1000]);
    assert.equal(s.count, 101);
    assert.equal(s.p50, 51);
    assert.equal(s.p99, 100);
    assert.equal(s.max, 1000);
    assert.equal(s.mean, (5050 + 1000) / 101);
  });
});
