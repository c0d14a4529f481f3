import { strict as assert } from 'node:assert';
import { newCaseFile } from '../../src/domain/case-file';
import type { Incident } from '../../src/domain/incident';
import * as path from 'node:path';
import { fixedDirectory } from '../../src/directory/directory';
import { loadOrganisationFile } from '../../src/directory/yaml-organisation';
import { projectDir } from '../../src/project-paths';
import { CardRenderer } from '../../src/teams/card-renderer';
import { CaseViews } from '../../src/teams/case-views';
import { elements } from '../helpers/cards';
import { MEGAN } from '../helpers/activities';
import { plainReport } from '../helpers/seed-incidents';
import { DEMO_ORGANISATION } from '../helpers/trygg-instance';

describe('case card facts: text people typed', () => {
  const org = loadOrganisationFile(DEMO_ORGANISATION);
  const link = (what: string) => `[${what}](https://evil.example/${what})`;
  const stamp = { by: MEGAN.aadObjectId, at: '2026-12-07T09:00:00.000Z' };
  const incident = {
    id: 'inc-1',
    caseNumber: '2026-0001',
    status: 'in-progress',
    unitId: 'barn-unga-syd',
    reportedAt: '2026-12-07T08:05:00.000Z',
    reporterName: link('name'),
    report: plainReport('2026-12-07T08:00', { injuries: ['physical'], weapon: 'yes' }),
    case: {
      ...newCaseFile([MEGAN.aadObjectId], new Date('2026-12-07T16:00:00Z')),
      police: { ...stamp, decision: 'not-filed', reason: link('reason'), reference: link('reference') },
      authority: { ...stamp, seriousAssessment: 'not-serious', reason: link('assessment') },
      measures: [{ ...stamp, id: 'm1', kind: 'changed-routines', text: link('measure'), ownerId: MEGAN.aadObjectId, dueDate: '2026-12-20', status: 'planned' }],
      feedback: { ...stamp, text: link('feedback') },
      securityNotes: [{ ...stamp, text: link('note') }],
    },
  } as unknown as Incident;

  it('shows every typed text, but none as a link (FactSet values render markdown)', () => {
    const views = new CaseViews(new CardRenderer(path.join(projectDir(), 'cards')), fixedDirectory(org));
    const card = views.card(incident, MEGAN.aadObjectId, 'sv-SE');
    const values = elements(card)
      .flatMap((e) => e.facts ?? [])
      .map((f: { value: string }) => f.value)
      .join('\n');
    for (const what of ['name', 'reason', 'reference', 'assessment', 'measure', 'feedback', 'note']) {
      assert.ok(values.replaceAll('\u200B', '').includes(link(what)), `${what} is shown as typed`);
    }
    assert.doesNotMatch(values, /\]\(/, 'no markdown link survives');
  });
});
