import { strict as assert } from 'node:assert';
import * as ACData from 'adaptivecards-templating';
import { CardTemplate } from '../../src/teams/card-template';

/** Trygg's expansion and the library's, of the same template and data. */
function both(template: unknown, root: Record<string, unknown>): { ours: unknown; library: unknown } {
  return {
    ours: new CardTemplate(template).expand(root),
    library: new ACData.Template(template).expand({ $root: root }),
  };
}

function same(template: unknown, root: Record<string, unknown>): unknown {
  const { ours, library } = both(template, root);
  assert.deepEqual(ours, library);
  return ours;
}

describe('CardTemplate (expansion as adaptivecards-templating, plain paths read directly)', () => {
  it('reads plain paths, nested paths and $root, keeping the type of a whole-string expression', () => {
    const out = same(
      { a: '${title}', b: '${values.workArea}', c: '${$root.t.save}', n: '${version}', f: '${flag}', o: '${obj}', arr: '${list}' },
      { title: 'Hot', values: { workArea: 'lss' }, t: { save: 'Spara' }, version: 3, flag: false, obj: { x: 1 }, list: [1, 2] },
    );
    assert.deepEqual(out, { a: 'Hot', b: 'lss', c: 'Spara', n: 3, f: false, o: { x: 1 }, arr: [1, 2] });
  });

  it('leaves a missing value as its ${path} text, alone and inside a longer string', () => {
    const out = same({ a: '${missing}', b: 'Ärende ${caseNumber} av ${who}', c: '${values.none}' }, { caseNumber: '2026-0042', values: {} });
    assert.deepEqual(out, { a: '${missing}', b: 'Ärende 2026-0042 av ${who}', c: '${values.none}' });
  });

  it('never evaluates text that comes from the data (injection)', () => {
    const out = same({ a: '${text}', b: 'x ${text}', facts: '${facts}' }, { text: '${t.secret} [länk](https://x)', facts: [{ title: '${evil}', value: '`x`' }], t: { secret: 'S' } });
    assert.deepEqual(out, { a: '${t.secret} [länk](https://x)', b: 'x ${t.secret} [länk](https://x)', facts: [{ title: '${evil}', value: '`x`' }] });
  });

  it('repeats $data over arrays with $index, takes a single object as one item, and drops an empty loop', () => {
    const template = {
      rows: [{ $data: '${rows}', title: '${title}', i: '${$index}', root: '${$root.name}', inner: [{ $data: '${cells}', v: '${$data}', j: '${$index}' }] }],
      one: { $data: '${single}', text: '${text}' },
      none: [{ $data: '${empty}', text: 'x' }, 'kept'],
    };
    const out = same(template, { name: 'N', rows: [{ title: 'a', cells: [1, 2] }, { title: 'b', cells: [] }], single: { text: 'ett' }, empty: [] });
    assert.deepEqual(out, {
      rows: [{ title: 'a', i: 0, root: 'N', inner: [{ v: 1, j: 0 }, { v: 2, j: 1 }] }, { title: 'b', i: 1, root: 'N', inner: [] }],
      one: { text: 'ett' },
      none: ['kept'],
    });
  });

  it('keeps an object only where $when is exactly true, for paths, string comparisons and functions', () => {
    const template = {
      body: [
        { $when: '${show}', id: 'show' },
        { $when: '${notShown}', id: 'notShown' },
        { $when: "${notice != ''}", id: 'notice' },
        { $when: "${empty != ''}", id: 'empty' },
        { $when: "${type == 'date'}", id: 'date' },
        { $when: "${type == 'DATE'}", id: 'caseMatters' },
        { $when: "${number == '1'}", id: 'numberIsNotText' },
        { $when: "${missing == ''}", id: 'missingIsNotEmpty' },
        { $when: "${missing != ''}", id: 'missingDiffers' },
        { $when: '${text}', id: 'nonBoolean' },
        { $when: '${count(rows) > 0}', id: 'count' },
        { $when: '${exists(errors.forms)}', id: 'exists' },
        { $when: '${hasPrevious || hasNext}', id: 'or' },
        { $when: 'true', id: 'notAnExpression' },
      ],
    };
    const out = same(template, { show: true, notShown: false, notice: 'n', empty: '', type: 'date', number: 1, text: 'yes', rows: [1], errors: { forms: 'x' }, hasPrevious: false, hasNext: true });
    assert.deepEqual(
      (out as { body: Array<{ id: string }> }).body.map((b) => b.id),
      ['show', 'notice', 'date', 'missingDiffers', 'count', 'exists', 'or'],
    );
  });

  it('evaluates arithmetic and functions through adaptive-expressions', () => {
    const out = same({ prev: '${page - 1}', next: '${page + 1}', n: '${count(rows)}', s: 'sida ${page} av ${count(rows)}' }, { page: 2, rows: [1, 2, 3] });
    assert.deepEqual(out, { prev: 1, next: 3, n: 3, s: 'sida 2 av 3' });
  });

  it('falls back to the library for null values and keys that differ in case', () => {
    const out = same({ a: '${gone}', c: '${Title}', d: '${nested.Inner}' }, { gone: null, title: 'lower', nested: { inner: 'i' } });
    assert.deepEqual(out, { a: null, c: 'lower', d: 'i' });
    // A null inside a longer string fails the expansion in the library; it does here too.
    const template = { b: 'x ${gone}' };
    assert.throws(() => new ACData.Template(template).expand({ $root: { gone: null } }), TypeError);
    assert.throws(() => new CardTemplate(template).expand({ gone: null }), TypeError);
  });

  it('drops null items from arrays and flattens arrays that an element expands to', () => {
    const out = same({ items: ['${list}', { $when: '${no}', x: 1 }, 'plain', 3] }, { list: ['a', 'b'], no: false });
    assert.deepEqual(out, { items: ['a', 'b', 'plain', 3] });
  });
});
