import { strict as assert } from 'node:assert';
import { isDraftExpired, newDraft, updateDraft, type NewDraftInput, type ReportDraft } from '../../src/domain/report-draft';
import { REPORT_STEPS } from '../../src/domain/report-schema';

const DAY = 86_400_000;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const USER = '4b1d2c6e-9a43-4c0e-8f57-3a1e0c2b9d10';

function input(patch: Partial<NewDraftInput> = {}): NewDraftInput {
  return { id: 'draft-1', userId: USER, tenantId: TENANT, now: new Date('2026-11-23T22:30:00Z'), ttlDays: 14, ...patch };
}

describe('report draft', () => {
  describe('newDraft', () => {
    it('starts at the first step, version 0, with the event dated now in Swedish local time (winter, UTC+1)', () => {
      const now = new Date('2026-11-23T22:30:00Z');
      assert.deepEqual(newDraft(input({ now, ownUnitId: 'unit-norr-barn' })), {
        id: 'draft-1',
        userId: USER,
        tenantId: TENANT,
        stepIndex: 0,
        raw: { occurredDate: '2026-11-23', occurredTime: '23:30', unitId: 'unit-norr-barn' },
        danger: false,
        createdAt: '2026-11-23T22:30:00.000Z',
        updatedAt: '2026-11-23T22:30:00.000Z',
        expiresAt: '2026-12-07T22:30:00.000Z',
        version: 0,
      });
    });

    it('uses the Swedish date when it is already tomorrow in Stockholm (summer, UTC+2)', () => {
      const draft = newDraft(input({ now: new Date('2026-06-30T22:30:00Z') }));
      assert.equal(draft.raw.occurredDate, '2026-07-01');
      assert.equal(draft.raw.occurredTime, '00:30');
    });

    it('crosses into the new year by Swedish time', () => {
      const draft = newDraft(input({ now: new Date('2026-12-31T23:05:00Z') }));
      assert.deepEqual([draft.raw.occurredDate, draft.raw.occurredTime], ['2027-01-01', '00:05']);
    });

    it('preselects the own unit only when there is one', () => {
      const draft = newDraft(input());
      assert.ok(!('unitId' in draft.raw), 'no unit key at all');
      assert.equal(newDraft(input({ ownUnitId: '' })).raw.unitId, undefined);
    });

    it('expires ttlDays after now and remembers the danger answer', () => {
      const now = new Date('2026-03-28T12:00:00Z');
      const draft = newDraft(input({ now, ttlDays: 3, danger: true }));
      assert.equal(draft.expiresAt, new Date(now.getTime() + 3 * DAY).toISOString());
      assert.equal(draft.danger, true);
      assert.equal(draft.submittedIncidentId, undefined);
    });
  });

  describe('updateDraft', () => {
    const created = new Date('2026-11-20T08:00:00Z');
    let draft: ReportDraft;
    beforeEach(() => {
      draft = {
        ...newDraft(input({ now: created, ownUnitId: 'unit-norr-barn' })),
        version: 4,
        raw: { forms: 'violence', occurredDate: '2026-11-20', occurredTime: '09:00', unitId: 'unit-norr-barn' },
      };
    });

    it('merges what was typed over the stored values and keeps the rest', () => {
      const now = new Date('2026-11-21T10:00:00Z');
      const updated = updateDraft(draft, { forms: 'threat-self,damage', purpose: 'unknown' }, 1, now, 14);
      assert.deepEqual(updated.raw, {
        forms: 'threat-self,damage',
        purpose: 'unknown',
        occurredDate: '2026-11-20',
        occurredTime: '09:00',
        unitId: 'unit-norr-barn',
      });
      assert.equal(updated.stepIndex, 1);
    });

    it('extends the expiry from now and stamps updatedAt, keeping id, createdAt and version', () => {
      const now = new Date('2026-11-21T10:00:00Z');
      const updated = updateDraft(draft, {}, 0, now, 7);
      assert.equal(updated.updatedAt, now.toISOString());
      assert.equal(updated.expiresAt, new Date(now.getTime() + 7 * DAY).toISOString());
      assert.equal(updated.createdAt, created.toISOString());
      assert.equal(updated.version, 4, 'the store increments the version');
      assert.equal(updated.id, draft.id);
      assert.equal(updated.userId, USER);
    });

    it('clamps the step index to the steps that exist', () => {
      const now = new Date('2026-11-21T10:00:00Z');
      const last = REPORT_STEPS.length - 1;
      assert.equal(updateDraft(draft, {}, -1, now, 14).stepIndex, 0);
      assert.equal(updateDraft(draft, {}, last, now, 14).stepIndex, last);
      assert.equal(updateDraft(draft, {}, last + 1, now, 14).stepIndex, last);
      assert.equal(updateDraft(draft, {}, 99, now, 14).stepIndex, last);
    });

    it('keeps the current step when the step index is not a whole number', () => {
      const now = new Date('2026-11-21T10:00:00Z');
      assert.equal(updateDraft(draft, {}, Number.NaN, now, 14).stepIndex, draft.stepIndex);
      assert.equal(updateDraft(draft, {}, 1.5, now, 14).stepIndex, draft.stepIndex);
    });

    it('does not change the draft it was given', () => {
      const before = JSON.parse(JSON.stringify(draft));
      updateDraft(draft, { description: 'Nytt' }, 2, new Date('2026-11-22T10:00:00Z'), 14);
      assert.deepEqual(draft, before);
    });
  });

  describe('isDraftExpired', () => {
    it('is false before the expiry and true from it on', () => {
      const draft = newDraft(input({ now: new Date('2026-11-23T22:30:00Z'), ttlDays: 1 }));
      const expiry = new Date(draft.expiresAt).getTime();
      assert.equal(isDraftExpired(draft, new Date('2026-11-23T22:30:00Z')), false);
      assert.equal(isDraftExpired(draft, new Date(expiry - 1)), false);
      assert.equal(isDraftExpired(draft, new Date(expiry)), true);
      assert.equal(isDraftExpired(draft, new Date(expiry + DAY)), true);
    });

    it('counts from the last update', () => {
      const draft = newDraft(input({ now: new Date('2026-11-01T08:00:00Z'), ttlDays: 7 }));
      const later = new Date('2026-11-07T08:00:00Z');
      const updated = updateDraft(draft, { forms: 'bribe' }, 1, later, 7);
      const check = new Date('2026-11-10T08:00:00Z');
      assert.equal(isDraftExpired(draft, check), true);
      assert.equal(isDraftExpired(updated, check), false);
    });
  });

  it('keeps a report made in danger short: answers that can wait are preselected', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const draft = newDraft({ id: 'd', userId: 'u', tenantId: 't', now, ttlDays: 30, danger: true });
    assert.equal(draft.danger, true);
    assert.equal(draft.raw.support, 'manager-today', 'the manager contacts them today');
    assert.equal(draft.raw.perpetratorRole, 'unknown');
    assert.equal(draft.raw.policeIntent, 'unsure');
    const calm = newDraft({ id: 'd', userId: 'u', tenantId: 't', now, ttlDays: 30 });
    assert.equal(calm.raw.support, undefined, 'an ordinary report asks');
  });
});
