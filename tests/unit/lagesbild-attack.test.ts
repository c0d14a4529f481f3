import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { policeBlock, suppressed } from '../../src/domain/lagesbild';
import type { Counters } from '../../src/domain/lagesbild-counters';
import { FORMS, type Form } from '../../src/domain/report-schema';

const POLICE: readonly Form[] = ['threat-self', 'threat-close', 'violence'];
const T_MIN = 6;
const T_MAX = 11;

/** The parts of a card an attacker reads against the forms: the forms cells and the police block. */
function card(total: number, forms: readonly number[], police: number, t: number): string {
  const c: Counters = { n: total, 'unit:u1': total, 'role:client': total, 'place:phone': total, 'area:other': total, 'police:relevant': police };
  FORMS.forEach((f, i) => (c[`form:${f}`] = forms[i]));
  const table = suppressed(c, ['u1'], t);
  const block = policeBlock(c, table, t);
  return JSON.stringify([table.total, table.groups.form, block.relevant, block.withheld]);
}

/**
 * Whether some set of `total` incidents, each with at least one form, has these form counts and
 * this many incidents with a threat or violence form.
 */
function realisable(total: number, forms: readonly number[], police: number): boolean {
  const p = FORMS.map((f, i) => (POLICE.includes(f) ? forms[i] : 0));
  const o = FORMS.map((f, i) => (POLICE.includes(f) ? 0 : forms[i]));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (forms.some((x) => x > total) || police > total) return false;
  if (police === 0 ? sum(p) !== 0 : Math.max(...p) > police || sum(p) < police) return false;
  return sum(o) >= total - police;
}

/** Every vector with v[i] in 0…max[i]. */
function* vectors(max: readonly number[]): Generator<number[]> {
  const k = max.length;
  const v = new Array<number>(k).fill(0);
  for (;;) {
    yield [...v];
    let i = 0;
    while (i < k && v[i] === max[i]) v[i++] = 0;
    if (i === k) return;
    v[i]++;
  }
}

/**
 * Attacks one card: returns the kind of police block shown, after checking that every hidden form
 * count still has two values that give the very same card.
 */
function attack(incidents: readonly Form[][], t: number): 'shown' | 'withheld' | 'skip' {
  const total = incidents.length;
  const forms = FORMS.map((f) => incidents.filter((i) => i.includes(f)).length);
  const police = incidents.filter((i) => i.some((f) => POLICE.includes(f))).length;
  const shown = card(total, forms, police, t);
  const cells = JSON.parse(shown)[1] as Record<string, number | string>;
  const hidden = FORMS.map((f, i) => (typeof cells[f] === 'number' ? -1 : i)).filter((i) => i >= 0);
  if (hidden.length === 0 || hidden.length > 5) return 'skip';
  const policeShown = typeof JSON.parse(shown)[2] === 'number';
  const possible = new Map(hidden.map((i) => [i, new Set<number>()]));
  // A `<t` cell is 0…t−1 (a larger value would be shown); a `..` cell anything up to the total.
  const ranges = hidden.map((i) => (cells[FORMS[i]] === '..' ? total : t - 1));
  for (const values of vectors(ranges)) {
    const candidate = [...forms];
    hidden.forEach((i, j) => (candidate[i] = values[j]));
    for (const n of policeShown ? [police] : Array.from({ length: total + 1 }, (_, k) => k)) {
      if (!realisable(total, candidate, n) || card(total, candidate, n, t) !== shown) continue;
      hidden.forEach((i) => possible.get(i)!.add(candidate[i]));
    }
  }
  for (const [i, values] of possible) {
    assert.ok(values.size >= 2, `${FORMS[i]} = ${forms[i]} pinned by ${shown} (values ${[...values]})`);
  }
  return policeShown ? 'shown' : 'withheld';
}

const someForms = (from: readonly Form[], max: number) => fc.uniqueArray(fc.constantFrom(...from), { minLength: 1, maxLength: max });
const OTHER: readonly Form[] = FORMS.filter((f) => !POLICE.includes(f));

describe('lägesbild: an attacker who reads the police count against the forms', () => {
  it('still finds at least two values for every hidden form count (exhaustive, any forms)', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.array(someForms(FORMS, 2), { minLength: T_MIN, maxLength: T_MAX }), fc.constantFrom(3, 4, 5), (incidents, t) => {
        fc.pre(attack(incidents, t) !== 'skip');
      }),
      { numRuns: 150, seed: 20261123 },
    );
  });

  it('…and on cards where threats and violence are common, so the police count is often shown', function () {
    this.timeout(120_000);
    const seen = { shown: 0, withheld: 0, skip: 0 };
    const policeCase = fc.tuple(someForms(POLICE, 3), fc.option(fc.constantFrom(...OTHER), { freq: 3 })).map(([p, o]) => (o ? [...p, o] : p));
    const otherCase = someForms(OTHER, 2);
    fc.assert(
      fc.property(fc.array(policeCase, { minLength: 8, maxLength: 14 }), fc.array(otherCase, { minLength: 1, maxLength: 6 }), fc.constantFrom(3, 4), (p, o, t) => {
        seen[attack([...p, ...o], t)]++;
      }),
      { numRuns: 100, seed: 611 },
    );
    assert.ok(seen.shown >= 20 && seen.withheld >= 20, JSON.stringify(seen));
  });
});
