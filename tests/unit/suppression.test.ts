import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  cellShare,
  HIDDEN,
  subgroupShare,
  suppressTable,
  trendCell,
  type Cell,
  type CountTable,
  type DimensionCounts,
} from '../../src/domain/suppression';

/** A table with one group, the shape most examples need. */
function one(total: number, group: DimensionCounts, threshold?: number): Record<string, Cell> {
  return suppressTable({ total, groups: { g: group } }, { threshold }).groups.g;
}
const exclusive = (counts: Record<string, number>): DimensionCounts => ({ exclusive: true, counts });

interface GroupKind {
  exclusive: boolean;
  minPerIncident?: number;
  maxPerIncident?: number;
}
const bounds = (kind: GroupKind, k: number): [number, number] =>
  kind.exclusive ? [1, 1] : [kind.minPerIncident ?? 0, kind.maxPerIncident ?? k];

/** Every vector of k counts in 0…T (k small). */
function* vectors(k: number, T: number): Generator<number[]> {
  const v = new Array<number>(k).fill(0);
  for (;;) {
    yield [...v];
    let i = 0;
    while (i < k && v[i] === T) v[i++] = 0;
    if (i === k) return;
    v[i]++;
  }
}

/**
 * The strongest attacker on one group: knows the rules, the total, the shown cells and how many
 * categories an incident can have, and tries every table. Returns, per hidden cell, the values
 * it may still have.
 */
function attack(T: number, kind: GroupKind, shown: Cell[], t: number): Map<number, Set<number>> {
  const [min, max] = bounds(kind, shown.length);
  const hidden = shown.flatMap((c, i) => (typeof c === 'number' ? [] : [i]));
  const possible = new Map(hidden.map((i) => [i, new Set<number>()]));
  const key = JSON.stringify(shown);
  for (const values of vectors(hidden.length, T)) {
    const candidate = shown.map((c) => (typeof c === 'number' ? c : 0));
    hidden.forEach((i, j) => (candidate[i] = values[j]));
    const sum = candidate.reduce((a, b) => a + b, 0);
    if (sum < min * T || sum > max * T) continue;
    const counts = Object.fromEntries(candidate.map((v, i) => [`c${i}`, v]));
    const out = one(T, { ...kind, counts }, t);
    if (JSON.stringify(Object.values(out)) !== key) continue;
    hidden.forEach((i) => possible.get(i)!.add(candidate[i]));
  }
  return possible;
}

function assertShownAreTrue(shown: Cell[], truth: number[], t: number): void {
  shown.forEach((c, i) => {
    if (typeof c !== 'number') return;
    assert.equal(c, truth[i], 'a shown number is the true number');
    assert.ok(c === 0 || c >= t, `a shown number is 0 or ≥ ${t}`);
  });
}

describe('small-count suppression', () => {
  describe('examples', () => {
    it('shows a group with no small counts as it is, zeros included', () => {
      assert.deepEqual(one(30, exclusive({ a: 12, b: 0, c: 18 })), { a: 12, b: 0, c: 18 });
    });

    it('shows small counts and the zeros beside them as <5', () => {
      assert.deepEqual(one(24, exclusive({ a: 12, b: 3, c: 0, d: 9 })), { a: 12, b: '<5', c: '<5', d: 9 });
    });

    it('hides a lone small count together with the smallest other count (the total would give it away)', () => {
      assert.deepEqual(one(24, exclusive({ a: 3, b: 7, c: 14 })), { a: HIDDEN, b: HIDDEN, c: 14 });
      assert.deepEqual(one(31, exclusive({ a: 7, b: 3, c: 7, d: 14 })), { a: HIDDEN, b: HIDDEN, c: HIDDEN, d: 14 });
    });

    it('does not let the total pin small counts to the top of the range', () => {
      // 4 + 4 = 8 = 20 − 12: both would be known to be 4; 4 + 3 = 7: both 3 or 4.
      assert.deepEqual(one(20, exclusive({ a: 4, b: 4, c: 12 })), { a: HIDDEN, b: HIDDEN, c: HIDDEN });
      assert.deepEqual(one(49, exclusive({ a: 4, b: 3, c: 12, d: 30 })), { a: HIDDEN, b: HIDDEN, c: HIDDEN, d: 30 });
      assert.deepEqual(one(47, exclusive({ a: 2, b: 3, c: 12, d: 30 })), { a: '<5', b: '<5', c: 12, d: 30 });
    });

    it('knows when every incident has at least one category', () => {
      const forms = { hot: 7, vald: 3 };
      // Without the rule "every report names a form", 3 is one of 1…4.
      assert.deepEqual(one(10, { exclusive: false, counts: forms }), { hot: 7, vald: '<5' });
      // With it, 7 + våld ≥ 10 leaves only 3 or 4: too close, so both are hidden.
      assert.deepEqual(one(10, { exclusive: false, minPerIncident: 1, counts: forms }), { hot: HIDDEN, vald: HIDDEN });
    });

    it('hides everything when the total is small, and shows an empty card as zeros', () => {
      const table: CountTable = { total: 3, groups: { unit: exclusive({ a: 3, b: 0 }), form: { exclusive: false, counts: { hot: 2, vald: 1 } } } };
      assert.deepEqual(suppressTable(table), { total: '<5', groups: { unit: { a: '<5', b: '<5' }, form: { hot: '<5', vald: '<5' } } });
      assert.deepEqual(suppressTable({ total: 0, groups: { unit: exclusive({ a: 0, b: 0 }) } }), { total: 0, groups: { unit: { a: 0, b: 0 } } });
    });

    it('takes its threshold from configuration', () => {
      assert.deepEqual(one(40, exclusive({ a: 7, b: 0, c: 33 }), 10), { a: '<10', b: '<10', c: 33 });
      assert.deepEqual(suppressTable({ total: 6, groups: {} }, { threshold: 10 }).total, '<10');
    });

    it('refuses counts that do not fit the total and thresholds below 3', () => {
      assert.throws(() => one(10, exclusive({ a: 3, b: 6 })), RangeError);
      assert.throws(() => one(10, { exclusive: false, counts: { a: 11 } }), RangeError);
      assert.throws(() => one(10, { exclusive: false, minPerIncident: 1, counts: { a: 3, b: 6 } }), RangeError);
      assert.throws(() => one(10, exclusive({ a: 2.5, b: 7.5 })), RangeError);
      assert.throws(() => one(10, exclusive({ a: 10 }), 2), RangeError);
    });

    it('shows a trend only between two shown counts', () => {
      assert.deepEqual(trendCell(12, 8), { difference: 4, relative: 0.5 });
      assert.deepEqual(trendCell(6, 0), { difference: 6, relative: undefined });
      assert.equal(trendCell(12, '<5'), undefined);
      assert.equal(trendCell(HIDDEN, 8), undefined);
    });

    it('shows shares only when the part and the rest are safe', () => {
      assert.equal(cellShare(6, 24), 0.25);
      assert.equal(cellShare('<5', 24), undefined);
      assert.equal(cellShare(6, 0), undefined);
      assert.equal(subgroupShare(15, 20), 0.75);
      assert.equal(subgroupShare(20, 20), 1);
      assert.equal(subgroupShare(0, 20), 0);
      assert.equal(subgroupShare(17, 20), undefined, '3 threats without a police decision would show');
      assert.equal(subgroupShare(3, 20), undefined);
      assert.equal(subgroupShare(15, HIDDEN), undefined);
      assert.throws(() => subgroupShare(21, 20), RangeError);
    });
  });

  describe('no hidden count can be worked out', () => {
    const kinds: GroupKind[] = [
      { exclusive: true },
      { exclusive: false },
      { exclusive: false, minPerIncident: 1 },
      { exclusive: false, maxPerIncident: 1 },
      { exclusive: false, minPerIncident: 1, maxPerIncident: 2 },
      { exclusive: false, minPerIncident: 2 },
    ];

    it('exhaustively, for every group of up to 3 categories with totals 5…20 and threshold 5', () => {
      for (const kind of kinds) {
        for (let k = 1; k <= 3; k++) {
          const [min, max] = bounds(kind, k);
          if (max > k) continue;
          for (let T = 5; T <= 20; T++) {
            const cards = new Map<string, number[][]>();
            for (const v of vectors(k, T)) {
              const sum = v.reduce((a, b) => a + b, 0);
              if (sum < min * T || sum > max * T) continue;
              const shown = Object.values(one(T, { ...kind, counts: Object.fromEntries(v.map((x, i) => [`c${i}`, x])) }));
              assertShownAreTrue(shown, v, 5);
              const key = JSON.stringify(shown);
              cards.set(key, [...(cards.get(key) ?? []), v]);
            }
            for (const [key, tables] of cards) {
              (JSON.parse(key) as Cell[]).forEach((c, i) => {
                if (typeof c === 'number') return;
                const values = new Set(tables.map((v) => v[i]));
                assert.ok(values.size >= 2, `${JSON.stringify({ kind, T, key })}: cell ${i} is always ${[...values]}`);
              });
            }
          }
        }
      }
    });

    /** A group drawn as incidents: each gets one category (exclusive) or a subset of them. */
    const smallGroup = fc
      .record({ t: fc.integer({ min: 3, max: 6 }), k: fc.integer({ min: 1, max: 4 }), kind: fc.constantFrom(...kinds) })
      .filter(({ kind, k }) => bounds(kind, k)[0] <= bounds(kind, k)[1] && bounds(kind, k)[1] <= k)
      .chain(({ t, k, kind }) => {
        const [min, max] = bounds(kind, k);
        const categories = [...Array(k).keys()];
        const skewed = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: k - 1 }), weight: 2 });
        const incident = kind.exclusive ? skewed.map((c) => [c]) : fc.subarray(categories, { minLength: min, maxLength: max });
        return fc.record({
          t: fc.constant(t),
          kind: fc.constant(kind),
          k: fc.constant(k),
          incidents: fc.array(incident, { minLength: t, maxLength: k <= 3 ? 16 : 12 }),
        });
      });

    it('against an attacker who knows the rules and tries every table (fast-check)', () => {
      fc.assert(
        fc.property(smallGroup, ({ t, kind, k, incidents }) => {
          const truth = new Array<number>(k).fill(0);
          for (const cats of incidents) for (const c of cats) truth[c]++;
          const T = incidents.length;
          const shown = Object.values(one(T, { ...kind, counts: Object.fromEntries(truth.map((v, i) => [`c${i}`, v])) }, t));
          assertShownAreTrue(shown, truth, t);
          for (const [i, values] of attack(T, kind, shown, t)) {
            assert.ok(values.has(truth[i]), 'the true table is among the candidates');
            assert.ok(values.size >= 2, `cell ${i} (${truth[i]}) is pinned down`);
          }
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('a whole card, its trend and its shares (fast-check)', () => {
    const UNITS = 8;
    const FORMS = ['trakasserier', 'hot', 'vald', 'skadegorelse', 'korruption'];
    const ROLES = ['klient', 'anhorig', 'okand', 'annan'];
    const PLACES = ['kontor', 'hembesok', 'telefon', 'digitalt'];
    const skewed = (n: number) => fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: n - 1 }), weight: 3 });
    const incident = fc.record({
      unit: skewed(UNITS),
      forms: fc.subarray(FORMS, { minLength: 1, maxLength: 3 }),
      role: skewed(ROLES.length),
      places: fc.subarray(PLACES, { maxLength: 2 }),
      police: fc.boolean(),
    });
    type Incident = typeof incident extends fc.Arbitrary<infer I> ? I : never;
    const incidents = fc.oneof(fc.array(incident, { maxLength: 12 }), fc.array(incident, { maxLength: 300 }));

    function tableOf(list: Incident[]): CountTable {
      const count = (names: string[], has: (i: Incident, name: string, index: number) => boolean): Record<string, number> =>
        Object.fromEntries(names.map((name, index) => [name, list.filter((i) => has(i, name, index)).length]));
      const units = [...Array(UNITS).keys()].map((u) => `enhet-${u}`);
      return {
        total: list.length,
        groups: {
          unit: { exclusive: true, counts: count(units, (i, _n, u) => i.unit === u) },
          form: { exclusive: false, minPerIncident: 1, maxPerIncident: 3, counts: count(FORMS, (i, f) => i.forms.includes(f)) },
          role: { exclusive: true, counts: count(ROLES, (i, _n, r) => i.role === r) },
          place: { exclusive: false, maxPerIncident: 2, counts: count(PLACES, (i, p) => i.places.includes(p)) },
        },
      };
    }

    /** An attacker who solves each group's linear constraints from what the card shows. */
    function feasibleRanges(T: number, group: DimensionCounts, shown: Cell[], t: number): [number, number][] {
      const k = shown.length;
      const [min, max] = group.exclusive ? [1, 1] : [group.minPerIncident ?? 0, group.maxPerIncident ?? k];
      const box = shown.map((c): [number, number] => (typeof c === 'number' ? [c, c] : c === HIDDEN ? [1, T] : [0, t - 1]));
      const lo = box.reduce((a, b) => a + b[0], 0);
      const hi = box.reduce((a, b) => a + b[1], 0);
      return box.map(([l, h]) => [Math.max(l, min * T - (hi - h)), Math.min(h, max * T - (lo - l))]);
    }

    it('shows true numbers only, leaves every hidden count two values or more, and trends and shares add nothing', () => {
      fc.assert(
        fc.property(incidents, incidents, fc.integer({ min: 3, max: 8 }), (now, before, t) => {
          const truth = tableOf(now);
          const card = suppressTable(truth, { threshold: t });
          const previous = suppressTable(tableOf(before), { threshold: t });
          const T = truth.total;
          if (T >= 1 && T < t) {
            assert.equal(card.total, `<${t}`);
            for (const g of Object.values(card.groups)) for (const c of Object.values(g)) assert.equal(c, `<${t}`);
          } else {
            assert.equal(card.total, T);
          }
          for (const [name, group] of Object.entries(truth.groups)) {
            const values = Object.values(group.counts);
            const shown = Object.values(card.groups[name]);
            const shownBefore = Object.values(previous.groups[name]);
            assertShownAreTrue(shown, values, t);
            if (typeof card.total === 'number') {
              feasibleRanges(T, group, shown, t).forEach(([l, h], i) => {
                assert.ok(l <= values[i] && values[i] <= h, 'the truth is feasible');
                if (typeof shown[i] !== 'number') assert.ok(h - l >= 1, `${name}[${i}] = ${values[i]} is pinned down`);
              });
            }
            shown.forEach((c, i) => {
              const trend = trendCell(c, shownBefore[i]);
              if (typeof c !== 'number' || typeof shownBefore[i] !== 'number') assert.equal(trend, undefined, 'a trend never reveals a hidden count');
              else assert.equal(trend?.difference, c - (shownBefore[i] as number));
            });
          }
          // Share of threats with a police decision, a sub-count not otherwise on the card.
          const threats = now.filter((i) => i.forms.includes('hot'));
          const reported = threats.filter((i) => i.police).length;
          const whole = card.groups.form.hot;
          const share = subgroupShare(reported, whole, { threshold: t });
          const small = (n: number): boolean => n >= 1 && n < t;
          if (share !== undefined) {
            const recovered = Math.round(share * (whole as number));
            assert.equal(recovered, reported);
            assert.ok(!small(recovered) && !small(threats.length - recovered), 'a shown share reveals no small count');
          } else if (typeof whole === 'number' && whole > 0) {
            const candidates = [...Array(whole + 1).keys()].filter((p) => subgroupShare(p, whole, { threshold: t }) === undefined);
            assert.ok(candidates.includes(reported) && candidates.length >= 2, 'a hidden share leaves two values or more');
          }
        }),
        { numRuns: 600 },
      );
    });

    it('a small total can be any of 1…t−1 and every count in it more than one value', () => {
      fc.assert(
        fc.property(fc.array(incident, { minLength: 1, maxLength: 7 }), fc.integer({ min: 3, max: 8 }), (list, t) => {
          fc.pre(list.length < t);
          const card = suppressTable(tableOf(list), { threshold: t });
          const cards = [...Array(t - 1).keys()].map((i) => JSON.stringify(suppressTable(tableOf(list.slice(0, 1).concat(Array(i).fill(list[0]))), { threshold: t })));
          assert.ok(cards.every((c) => c === JSON.stringify(card)), 'every small total gives the same card');
        }),
        { numRuns: 500 },
      );
    });
  });
});
