/**
 * Small, dependency-free statistics for benchmark samples.
 */

/** Summary of one set of latency samples, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/**
 * The nearest-rank percentile: the smallest sample such that at least `p` percent of all samples
 * are less than or equal to it. Always one of the samples; no interpolation.
 *
 * @param samples - the samples, in any order (not modified)
 * @param p - the percentile, 0 < p <= 100
 * @returns the percentile, or NaN when there are no samples
 * @throws RangeError when `p` is outside (0, 100]
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * The median, as the 50th nearest-rank percentile (the lower middle for an even count).
 *
 * @param samples - the samples
 * @returns the median, or NaN when there are no samples
 */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/**
 * Summarises latency samples.
 *
 * @param samples - latencies in milliseconds
 * @returns count, p50, p95, p99, mean and max
 */
export function summarize(samples: readonly number[]): LatencySummary {
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    mean: samples.length ? sum / samples.length : Number.NaN,
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/**
 * Rounds for output, so lines stay readable.
 *
 * @param value - any number
 * @param digits - decimals to keep
 * @returns the rounded number
 */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
