import { strict as assert } from 'node:assert';
import { newCaseFile } from '../../src/domain/case-file';
import type { Incident } from '../../src/domain/incident';
import { loadOrganisationFile } from '../../src/directory/yaml-organisation';
import { caseFacts } from '../../src/teams/case-facts';
import { MEGAN } from '../helpers/activities';
import { plainReport } from '../helpers/seed-incidents';
import { DEMO_ORGANISATION } from '../helpers/trygg-instance';

describe('case facts: text people typed', () => {
  const org = loadOrganisationFile(DEMO_ORGANISATION);
  const link = (what: string) => `[${what}](https://evil.example/${what})`;
  const stamp = { by: MEGAN.aadObjectId, at: '2026-12-07T09:00:00.000Z' };
  const incident = {
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
    const facts = caseFacts(incident, org, 'sv-SE', true);
    const values = facts.map((f) => f.value).join('\n');
    for (const what of ['reason', 'reference', 'assessment', 'measure', 'feedback', 'note']) {
      assert.ok(values.replaceAll('\u200B', '').includes(link(what)), `${what} is shown as typed`);
    }
    assert.doesNotMatch(values, /\]\(/, 'no markdown link survives');
  });
});
