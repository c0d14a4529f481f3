/**
 * Small-count suppression for the lägesbild. A card is a total and groups of counts (by form, unit,
 * perpetrator role, …); counts small enough to point at a person are hidden, and no hidden count
 * can be worked out from the rest of the card, by someone who knows these rules. Pure.
 *
 * Rules, with threshold t (default 5, at least 3), per table:
 * 1. Total 0: everything is 0. Total 1…t−1: everything on the card is `<t`.
 * 2. A group with no count in 1…t−1 is shown as it is, zeros included.
 * 3. Otherwise every count below t, zeros included, is shown as `<t`, so `<t` always means 0…t−1
 *    and a zero next to a small count tells nothing. This stands if an attacker who solves the
 *    group's constraints (sum = total for exclusive groups, min·total ≤ sum ≤ max·total for
 *    multi-valued ones, at least one hidden count ≥ 1) still finds at least two values for each
 *    `<t` cell, and cannot tell that they all lie in the top two values {t−2, t−1}.
 * 4. If not, the non-zero small counts and the smallest count ≥ t (all counts tied with it) are
 *    shown as `..`; zeros stay visible. Without a count ≥ t, the non-zero small counts alone.
 *
 * Why it is safe: under rule 3 the card shows exactly the facts the check reasons about, so the
 * check is the attacker's whole knowledge. Under rule 4 the hidden cells hold both a value < t and
 * a value ≥ t, all marked alike, and swapping two different hidden values gives a table that these
 * rules turn into the very same card, so every hidden cell has two possible values. When all hidden
 * values are equal (only possible without a count ≥ t) the top-two clause of rule 3 guarantees a
 * neighbouring table with the same card. Groups only share the total, so they are independent.
 * Trends and shares are shown only where their inputs are visible, so they add nothing.
 * Not covered: differences between two cards (e.g. 30d and 31d) — limit that where cards are asked for.
 */

/** The threshold when none is configured. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** Marks a count hidden to protect another one; says nothing about its size. */
export const HIDDEN = '..';

/** Marks a count below the threshold, e.g. `<5`. */
export type SmallMark = `<${number}`;

/** A count as shown on the card. */
export type Cell = number | SmallMark | typeof HIDDEN;

/** One group of counts (a dimension), categories in display order. */
export interface DimensionCounts {
  /** Every incident has exactly one category: the counts add up to the total (unit, area of work). */
  exclusive: boolean;
  /** Multi-valued groups: fewest categories one incident has, e.g. 1 when a form is required. Default 0. */
  minPerIncident?: number;
  /** Multi-valued groups: most categories one incident has. Default: the number of categories. */
  maxPerIncident?: number;
  /** Count per category. */
  counts: Readonly<Record<string, number>>;
}

/** True counts of one card (one period, one scope). */
export interface CountTable {
  /** Number of incidents. */
  total: number;
  /** Groups by name (form, unit, …). */
  groups: Readonly<Record<string, DimensionCounts>>;
}

/** What the card may show. */
export interface SuppressedTable {
  total: Cell;
  groups: Record<string, Record<string, Cell>>;
}

/** Configuration. */
export interface SuppressionOptions {
  /** Smallest count shown as it is (default {@link DEFAULT_SUPPRESSION_THRESHOLD}). */
  threshold?: number;
}

/** Change from the previous period. */
export interface Trend {
  /** current − previous */
  difference: number;
  /** (current − previous) / previous; undefined when previous is 0. */
  relative: number | undefined;
}

/**
 * The mark for counts below the threshold.
 *
 * @param threshold - the threshold
 * @returns e.g. `<5`
 */
export function smallMark(threshold: number): SmallMark {
  return `<${threshold}`;
}

/**
 * Applies the suppression rules (see the module comment) to one card's counts.
 *
 * @param table - true counts; exclusive groups must add up to the total
 * @param options - threshold
 * @returns the cells the card may show, in the same shape
 * @throws RangeError when the counts are inconsistent or the threshold is below 3
 */
export function suppressTable(table: CountTable, options: SuppressionOptions = {}): SuppressedTable {
  const t = thresholdOf(options);
  const T = table.total;
  if (!isCount(T)) throw new RangeError('total must be a whole number ≥ 0');
  const groups: Record<string, Record<string, Cell>> = {};
  for (const [name, group] of Object.entries(table.groups)) {
    const names = Object.keys(group.counts);
    const values = Object.values(group.counts);
    const [min, max] = checkGroup(name, group, values, T);
    const cells: Cell[] = T >= 1 && T < t ? values.map(() => smallMark(t)) : suppressGroup(values, T, min, max, t);
    groups[name] = Object.fromEntries(names.map((category, i) => [category, cells[i]]));
  }
  return { total: T >= 1 && T < t ? smallMark(t) : T, groups };
}

/**
 * The trend of one count, shown only when both periods show the count itself.
 *
 * @param current - the cell in this period's suppressed table
 * @param previous - the same cell in the previous period's suppressed table
 * @returns the change, or undefined when either count is hidden
 */
export function trendCell(current: Cell, previous: Cell): Trend | undefined {
  if (typeof current !== 'number' || typeof previous !== 'number') return undefined;
  return { difference: current - previous, relative: previous === 0 ? undefined : (current - previous) / previous };
}

/**
 * The share of a count that is itself on the card, e.g. a category of the total.
 *
 * @param part - the category's cell
 * @param whole - the cell it is a share of
 * @returns part ÷ whole (0…1), or undefined when either is hidden or the whole is 0
 */
export function cellShare(part: Cell, whole: Cell): number | undefined {
  if (typeof part !== 'number' || typeof whole !== 'number' || whole === 0) return undefined;
  return part / whole;
}

/**
 * The share of a sub-count that is not itself on the card, e.g. threats with a police decision
 * among threats. Shown only when the whole is shown and neither the part nor the rest (whole − part)
 * is 1…t−1: the share and the whole give both away. When hidden, the part may be any of 1…t−1 or
 * whole−t+1…whole−1. The part must not be derivable from other cells on the card.
 *
 * @param part - true count of the sub-group
 * @param whole - the shown cell of the group it belongs to
 * @param options - threshold
 * @returns part ÷ whole (0…1), or undefined when hidden
 */
export function subgroupShare(part: number, whole: Cell, options: SuppressionOptions = {}): number | undefined {
  const t = thresholdOf(options);
  if (typeof whole !== 'number' || whole === 0) return undefined;
  if (!isCount(part) || part > whole) throw new RangeError('part must be a whole number between 0 and the whole');
  const small = (n: number): boolean => n >= 1 && n < t;
  return small(part) || small(whole - part) ? undefined : part / whole;
}

/** Rules 2–4 for one group of a card whose total is 0 or ≥ t. */
function suppressGroup(values: number[], T: number, min: number, max: number, t: number): Cell[] {
  if (!values.some((v) => v >= 1 && v < t)) return values;
  const small = values.filter((v) => v < t);
  const others = values.reduce((sum, v) => sum + (v < t ? 0 : v), 0);
  if (smallCellsProtected(small.length, Math.max(0, min * T - others), max * T - others, t)) {
    return values.map((v) => (v < t ? smallMark(t) : v));
  }
  const big = values.filter((v) => v >= t);
  const partner = big.length > 0 ? Math.min(...big) : undefined;
  return values.map((v) => ((v >= 1 && v < t) || v === partner ? HIDDEN : v));
}

/**
 * Rule 3's check: `s` cells each 0…t−1, at least one ≥ 1, adding up to lo…hi. The cells are
 * interchangeable, so one interval serves them all.
 */
function smallCellsProtected(s: number, lo: number, hi: number, t: number): boolean {
  const sumLo = Math.max(1, lo);
  const sumHi = Math.min(hi, s * (t - 1));
  const cellLo = Math.max(0, sumLo - (s - 1) * (t - 1));
  const cellHi = Math.min(t - 1, sumHi);
  return cellHi - cellLo >= 1 && cellLo <= t - 3;
}

function thresholdOf(options: SuppressionOptions): number {
  const t = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(t) || t < 3) throw new RangeError('the suppression threshold must be a whole number ≥ 3');
  return t;
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

/** Validates a group against the total; returns categories per incident [min, max]. */
function checkGroup(name: string, group: DimensionCounts, values: number[], T: number): [number, number] {
  const min = group.exclusive ? 1 : (group.minPerIncident ?? 0);
  const max = group.exclusive ? 1 : (group.maxPerIncident ?? values.length);
  const sum = values.reduce((a, v) => a + v, 0);
  const ok =
    values.every((v) => isCount(v) && v <= T) &&
    isCount(min) &&
    isCount(max) &&
    min <= max &&
    sum >= min * T &&
    sum <= max * T;
  if (!ok) throw new RangeError(`counts of group ${name} do not fit the total ${T}`);
  return [min, max];
}
