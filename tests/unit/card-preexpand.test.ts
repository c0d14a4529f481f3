import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { fixedDirectory } from '../../src/directory/directory';
import * as path from 'node:path';
import type { Locale } from '../../src/config';
import { loadOrganisationFile } from '../../src/directory/yaml-organisation';
import type { Incident } from '../../src/domain/incident';
import type { ReportDraft } from '../../src/domain/report-draft';
import { projectDir } from '../../src/project-paths';
import { preExpand } from '../../src/teams/card-preexpand';
import { CardRenderer } from '../../src/teams/card-renderer';
import { CARDS, crossCheck } from '../helpers/library-expansion';
import { ReportViews } from '../../src/teams/report-views';

const LOCALES: Locale[] = ['sv-SE', 'en-US'];

/** A renderer whose every card is compared with the whole-template expansion. */
function checkedRenderer(): { renderer: CardRenderer; checked: () => number } {
  const renderer = new CardRenderer(CARDS);
  return { renderer, checked: crossCheck(renderer) };
}

describe('card templates expanded ahead (constant parts once per locale)', () => {
  it('give the same cards as expanding the whole template, for every template and locale', () => {
    const { renderer, checked } = checkedRenderer();
    const names = fs.readdirSync(CARDS).filter((f) => f.endsWith('.json')).map((f) => path.basename(f, '.json'));
    for (const locale of LOCALES) {
      for (const name of names) {
        renderer.render(name, locale);
        renderer.render(name, locale, { hasDraft: true, caseNumber: '2026-0042', title: 'x', text: 'y', notice: 'z' });
      }
    }
    assert.equal(checked(), names.length * LOCALES.length * 2);
  });

  it('give the same report cards for every step, with and without errors, notices and danger', () => {
    const { renderer, checked } = checkedRenderer();
    const views = new ReportViews(renderer, fixedDirectory(loadOrganisationFile(path.join(projectDir(), 'config', 'demo-organisation.yml'))), 30);
    const raw = {
      forms: 'threat-self,violence',
      occurredDate: '2026-01-01',
      place: 'reception',
      unitId: 'barn-unga-syd',
      perpetratorRole: 'client',
      policeIntent: 'want-help',
      support: 'not-now',
      description: 'typed text with ${t.report.title} and `ticks` in it',
    };
    const errors = [
      { field: 'forms', code: 'required' },
      { field: 'weapon', code: 'required' },
      { field: 'description', code: 'tooShort' },
    ] as const;
    for (const locale of LOCALES) {
      for (const stepIndex of [0, 1, 2]) {
        for (const danger of [false, true]) {
          for (const notice of [undefined, 'stale', 'resumed'] as const) {
            const draft = { id: 'd1', version: 3, stepIndex, danger, raw, createdAt: '2026-01-01T08:00:00.000Z' } as unknown as ReportDraft;
            views.step(draft, [], locale, notice);
            views.step(draft, [...errors], locale, notice);
          }
        }
      }
      const incident = {
        id: 'i1',
        caseNumber: '2026-0042',
        status: 'reported',
        reportedAt: '2026-01-01T09:30:00.000Z',
        report: { forms: ['threat-self'], occurredAt: '2026-01-01T10:00', place: 'reception', unitId: 'barn-unga-syd', perpetratorRole: 'client', policeIntent: 'want-help', support: ['not-now'] },
      } as unknown as Incident;
      views.receipt(incident, [{ role: 'manager' } as never], locale);
      views.myReports([{ incident, additions: 1 }], locale, { text: 'notice', error: true, incidentId: 'i1', typed: '${x}' });
    }
    assert.equal(checked(), LOCALES.length * (3 * 2 * 3 * 2 + 2));
  });

  it('expands strings and $data loops over constants, and leaves what depends on the card data', () => {
    const template = {
      a: '${t.hello}',
      b: '${name}',
      c: '${t.hello}, ${name}',
      items: [{ $data: '${list}', title: '${title}', at: '${$index}' }, { $when: '${show}', text: '${t.hello}' }],
    };
    const out = preExpand(template, { t: { hello: 'Hej' }, list: [{ title: 'x' }, { title: 'y' }] });
    assert.deepEqual(out, {
      a: 'Hej',
      b: '${name}',
      c: '${t.hello}, ${name}',
      items: [{ title: 'x', at: 0 }, { title: 'y', at: 1 }, { $when: '${show}', text: 'Hej' }],
    });
  });

  it('leaves clock-dependent expressions and constants that contain ${ for the per-card expansion', () => {
    const template = { now: "${if(t.x == '', utcNow(), t.x)}", tricky: '${t.tricky}', plain: '${t.x}' };
    const out = preExpand(template, { t: { x: 'X', tricky: 'looks like ${name}' } });
    assert.deepEqual(out, { now: "${if(t.x == '', utcNow(), t.x)}", tricky: '${t.tricky}', plain: 'X' });
  });
});
