/**
 * The benchmark's output format (DESIGN.md, "Benchmark output"): one JSON object per line on stdout.
 */

/** Units a figure may have. */
export type BenchUnit = 'ms' | 'ratio' | 'per_s' | 'MB';

/** One figure of one scenario. */
export interface BenchLine {
  /** Stable scenario id, e.g. `turn-throughput-ratio`. */
  scenario: string;
  value: number;
  unit: BenchUnit;
  /** The goal, e.g. `>= 0.7` or `<= 250`. */
  target: string;
  detail: Record<string, unknown>;
}

/**
 * Tells whether a value meets a target written as `>= x` or `<= x`.
 *
 * @param value - the measured value
 * @param target - the target text
 * @returns true, false, or undefined when the target cannot be read
 */
export function meetsTarget(value: number, target: string): boolean | undefined {
  const match = /^\s*(>=|<=)\s*(-?[\d.]+)\s*$/.exec(target);
  if (!match) return undefined;
  const bound = Number(match[2]);
  return match[1] === '>=' ? value >= bound : value <= bound;
}

/**
 * Serialises one figure as a single line of JSON.
 *
 * @param line - the figure
 * @returns the line, without a trailing newline
 */
export function formatLine(line: BenchLine): string {
  return JSON.stringify({
    scenario: line.scenario,
    value: line.value,
    unit: line.unit,
    target: line.target,
    detail: line.detail,
  });
}
