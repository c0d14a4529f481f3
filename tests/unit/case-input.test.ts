import { strict as assert } from 'node:assert';
import { CASE_COMMANDS, type CaseCommandKind } from '../../src/domain/case-commands';
import {
  CASE_FORM_FIELDS,
  CASE_LIMITS,
  parseCaseInput,
  readCaseRaw,
  type CaseErrorCode,
  type CaseFieldError,
  type CaseInputContext,
} from '../../src/domain/case-input';

// 2026-03-10T23:30Z is already 11 March (00:30) in Stockholm: "today" is the Swedish date.
const NOW = new Date('2026-03-10T23:30:00Z');
const CTX: CaseInputContext = { now: NOW, possiblySerious: false, aimedAtWorkplace: false };
const OWNER = '00000000-0000-0000-0000-0000000000022';
const PERSONNUMMER = '19121212-1212';

/** A valid form per command, as the card sends it. */
const VALID: Record<CaseCommandKind, Record<string, unknown>> = {
  acknowledge: {},
  close: {},
  contact: { date: '2026-03-11' },
  support: { offers: 'same-day-talk,occupational-health', response: 'accepted', followUpDate: '2026-03-18' },
  police: { decision: 'employer-files', filedBy: 'employer', filedDate: '2026-03-11', reference: '5000-K123456-26', protectedRequested: 'true' },
  authority: { seriousAssessment: 'notified', notifiedDate: '2026-03-11', receiptId: 'AV-2026-001234', copyToEmployee: 'true' },
  'measure-add': { measureKind: 'risk-assessment', text: 'Ny riskbedömning av hembesök', ownerId: OWNER, dueDate: '2026-04-01' },
  'measure-status': { measureId: 'm1', status: 'done' },
  feedback: { text: 'Vi har pratat med klientens handläggare och ändrat rutinen för hembesök.' },
  forward: { toId: OWNER },
  reopen: { reason: 'Nya hot via telefon.' },
  'security-note': { text: 'Skalskydd och passerkort ses över.' },
  'high-threat': { on: 'true', reason: 'Upprepade dödshot.' },
  reassign: { toId: 'coordinators' },
};

function errorsOf(kind: CaseCommandKind, patch: Record<string, unknown>, ctx: CaseInputContext = CTX): CaseFieldError[] {
  const parsed = parseCaseInput(kind, { ...VALID[kind], ...patch }, ctx);
  return parsed.ok ? [] : parsed.errors;
}

/** The error code of one field, or undefined when the form is valid. */
function codeOf(kind: CaseCommandKind, field: string, value: unknown, ctx: CaseInputContext = CTX): CaseErrorCode | undefined {
  const errors = errorsOf(kind, { [field]: value }, ctx);
  assert.ok(errors.length <= 1, `one error at most: ${JSON.stringify(errors)}`);
  if (errors[0]) assert.equal(errors[0].field, field);
  return errors[0]?.code;
}

describe('case input (server-side validation of case forms)', () => {
  describe('valid forms', () => {
    for (const kind of CASE_COMMANDS) {
      it(`${kind}: parses into the command`, () => {
        const parsed = parseCaseInput(kind, VALID[kind], CTX);
        assert.ok(parsed.ok, JSON.stringify(parsed));
        assert.equal(parsed.command.kind, kind);
      });
    }

    it('every form field is listed, in order, for every command', () => {
      assert.deepEqual(Object.keys(CASE_FORM_FIELDS).sort(), [...CASE_COMMANDS].sort());
      for (const kind of CASE_COMMANDS) {
        for (const field of Object.keys(VALID[kind])) assert.ok(CASE_FORM_FIELDS[kind].includes(field), `${kind}.${field}`);
      }
    });

    it('types the values: choices, lists, flags and trimmed text', () => {
      assert.deepEqual(parseCaseInput('support', { offers: ' debriefing , group-support,debriefing ', response: 'undecided' }, CTX), {
        ok: true,
        command: { kind: 'support', offers: ['debriefing', 'group-support'], response: 'undecided', followUpDate: undefined },
      });
      assert.deepEqual(parseCaseInput('police', VALID.police, CTX), {
        ok: true,
        command: {
          kind: 'police',
          decision: 'employer-files',
          reason: undefined,
          filedBy: 'employer',
          filedDate: '2026-03-11',
          reference: '5000-K123456-26',
          protectedRequested: true,
        },
      });
      assert.deepEqual(parseCaseInput('high-threat', { on: false }, CTX), { ok: true, command: { kind: 'high-threat', on: false, reason: undefined } });
      assert.deepEqual(parseCaseInput('feedback', { text: '  Klart.  ' }, CTX), { ok: true, command: { kind: 'feedback', text: 'Klart.' } });
    });

    it('reads only the form’s own fields: extra card data never reaches the command', () => {
      const parsed = parseCaseInput('acknowledge', { verb: 'case.acknowledge', incidentId: 'inc-1', actorId: OWNER, version: 3 }, CTX);
      assert.deepEqual(parsed, { ok: true, command: { kind: 'acknowledge' } });
      assert.deepEqual(readCaseRaw('forward', { toId: OWNER, by: 'someone', version: 3 }), { raw: { toId: OWNER }, errors: [] });
    });
  });

  describe('required', () => {
    const rows: Array<[CaseCommandKind, string]> = [
      ['contact', 'date'],
      ['support', 'offers'],
      ['support', 'response'],
      ['police', 'decision'],
      ['measure-add', 'measureKind'],
      ['measure-add', 'text'],
      ['measure-add', 'ownerId'],
      ['measure-add', 'dueDate'],
      ['measure-status', 'measureId'],
      ['measure-status', 'status'],
      ['feedback', 'text'],
      ['forward', 'toId'],
      ['reassign', 'toId'],
      ['reopen', 'reason'],
      ['security-note', 'text'],
    ];
    for (const [kind, field] of rows) {
      it(`${kind}.${field}: missing, empty or blank → required`, () => {
        for (const value of [undefined, null, '', '   ']) assert.equal(codeOf(kind, field, value), 'required', JSON.stringify(value));
      });
    }

    it('a not-filed police decision needs a reason', () => {
      assert.deepEqual(errorsOf('police', { decision: 'not-filed', reason: '' }), [{ field: 'reason', code: 'required' }]);
      assert.deepEqual(errorsOf('police', { decision: 'not-filed', reason: 'Den anställda vill inte anmäla.' }), []);
    });

    it('a notified serious incident needs the date; a not-serious assessment needs the reason', () => {
      assert.deepEqual(errorsOf('authority', { notifiedDate: '' }), [{ field: 'notifiedDate', code: 'required' }]);
      assert.deepEqual(parseCaseInput('authority', { seriousAssessment: 'not-serious' }, CTX), {
        ok: false,
        errors: [{ field: 'reason', code: 'required' }],
        raw: { seriousAssessment: 'not-serious' },
      });
      assert.deepEqual(errorsOf('authority', { seriousAssessment: 'not-serious', notifiedDate: '', reason: 'Inget vapen, inget hot om våld.' }), []);
    });

    it('optional fields may be left out', () => {
      assert.deepEqual(errorsOf('support', { followUpDate: '' }), []);
      assert.deepEqual(errorsOf('police', { filedBy: '', filedDate: '', reference: '', protectedRequested: '' }), []);
      assert.deepEqual(errorsOf('high-threat', { reason: '' }), []);
    });
  });

  describe('invalidChoice', () => {
    const rows: Array<[CaseCommandKind, string, unknown]> = [
      ['support', 'offers', 'same-day-talk,massage'],
      ['support', 'response', 'maybe'],
      ['police', 'decision', 'will-think-about-it'],
      ['police', 'filedBy', 'neighbour'],
      ['police', 'protectedRequested', 'yes'],
      ['authority', 'seriousAssessment', 'very-serious'],
      ['authority', 'safetyRepInformed', '1'],
      ['measure-add', 'measureKind', 'prayer'],
      ['measure-status', 'status', 'abandoned'],
      ['measure-status', 'measureId', 'm'.repeat(CASE_LIMITS.idMax + 1)],
      ['forward', 'toId', 'x'.repeat(CASE_LIMITS.idMax + 1)],
      ['high-threat', 'on', 'on'],
    ];
    for (const [kind, field, value] of rows) {
      it(`${kind}.${field} = ${JSON.stringify(value).slice(0, 30)} → invalidChoice`, () => {
        assert.equal(codeOf(kind, field, value), 'invalidChoice');
      });
    }

    it('a choice is matched exactly (no case folding)', () => {
      assert.equal(codeOf('measure-status', 'status', 'Done'), 'invalidChoice');
    });

    it('flags accept booleans and their strings', () => {
      assert.equal(codeOf('police', 'protectedRequested', true), undefined);
      assert.equal(codeOf('police', 'protectedRequested', 'false'), undefined);
    });
  });

  describe('dates', () => {
    it('invalidDate: not YYYY-MM-DD, or not on the calendar (2026-02-30, 2026-13-01, 2025-02-29)', () => {
      for (const value of ['2026-02-30', '2026-13-01', '2026-00-10', '2025-02-29', '2026-3-1', '11/03/2026', '2026-03-11T10:00', 'igår']) {
        assert.equal(codeOf('contact', 'date', value), 'invalidDate', value);
      }
      assert.equal(codeOf('measure-add', 'dueDate', '2026-02-30'), 'invalidDate');
      assert.equal(codeOf('support', 'followUpDate', '2026-04-31'), 'invalidDate');
    });

    it('a leap day that exists is a date', () => {
      assert.equal(codeOf('measure-add', 'dueDate', '2028-02-29'), undefined);
    });

    it('dates that have happened: today (Swedish date) is fine, tomorrow is future', () => {
      assert.equal(codeOf('contact', 'date', '2026-03-11'), undefined, 'already 11 March in Stockholm');
      assert.equal(codeOf('contact', 'date', '2026-03-12'), 'future');
      assert.equal(codeOf('police', 'filedDate', '2026-03-12'), 'future');
      assert.equal(codeOf('authority', 'notifiedDate', '2027-01-01'), 'future');
      assert.equal(codeOf('authority', 'injuryReportDate', '2026-03-12'), 'future');
    });

    it('dates that have happened: up to five years back, older is tooOld', () => {
      assert.equal(codeOf('contact', 'date', '2021-03-11'), undefined);
      assert.equal(codeOf('contact', 'date', '2021-03-10'), 'tooOld');
      assert.equal(codeOf('police', 'filedDate', '1999-12-31'), 'tooOld');
    });

    it('dates to come: today (Swedish date) is fine, yesterday is past', () => {
      assert.equal(codeOf('measure-add', 'dueDate', '2026-03-11'), undefined);
      assert.equal(codeOf('measure-add', 'dueDate', '2026-03-10'), 'past', 'still 10 March in UTC, but not in Stockholm');
      assert.equal(codeOf('support', 'followUpDate', '2026-03-10'), 'past');
    });

    it('dates to come: up to two years ahead, later is tooFar', () => {
      assert.equal(codeOf('measure-add', 'dueDate', '2028-03-11'), undefined);
      assert.equal(codeOf('measure-add', 'dueDate', '2028-03-12'), 'tooFar');
      assert.equal(codeOf('support', 'followUpDate', '2030-01-01'), 'tooFar');
    });
  });

  describe('text', () => {
    const rows: Array<[CaseCommandKind, string, number]> = [
      ['feedback', 'text', CASE_LIMITS.textMax],
      ['security-note', 'text', CASE_LIMITS.textMax],
      ['measure-add', 'text', CASE_LIMITS.shortTextMax],
      ['reopen', 'reason', CASE_LIMITS.shortTextMax],
      ['high-threat', 'reason', CASE_LIMITS.shortTextMax],
      ['police', 'reference', CASE_LIMITS.referenceMax],
      ['authority', 'receiptId', CASE_LIMITS.referenceMax],
    ];
    for (const [kind, field, max] of rows) {
      it(`${kind}.${field}: ${max} characters fit, ${max + 1} are tooLong`, () => {
        assert.equal(codeOf(kind, field, 'a'.repeat(max)), undefined);
        assert.equal(codeOf(kind, field, 'a'.repeat(max + 1)), 'tooLong');
      });
    }

    it('a very long value is still refused as tooLong, not silently cut to fit', () => {
      assert.equal(codeOf('feedback', 'text', 'a'.repeat(50_000)), 'tooLong');
    });

    it('tooLong is counted after trimming', () => {
      assert.equal(codeOf('reopen', 'reason', `  ${'a'.repeat(CASE_LIMITS.shortTextMax)}  `), undefined);
    });

    it('identityNumber: a valid personnummer in free text is refused, in any text field', () => {
      assert.equal(codeOf('feedback', 'text', `Klienten ${PERSONNUMMER} har fått ett besöksförbud.`), 'identityNumber');
      assert.equal(codeOf('security-note', 'text', `Gäller ${PERSONNUMMER.replace('-', '')}`), 'identityNumber');
      assert.equal(codeOf('measure-add', 'text', 'Skydd för 121212-1212'), 'identityNumber');
      assert.equal(codeOf('reopen', 'reason', `Ny händelse, ${PERSONNUMMER}`), 'identityNumber');
      assert.equal(codeOf('police', 'reason', `Gärningsperson ${PERSONNUMMER}`), 'identityNumber');
      assert.equal(codeOf('high-threat', 'reason', `Hot från ${PERSONNUMMER}`), 'identityNumber');
    });

    it('a number that is not a personnummer (wrong check digit, a police reference) is fine', () => {
      assert.equal(codeOf('feedback', 'text', 'Klienten 19121212-1213 har fått ett besöksförbud.'), undefined);
      assert.equal(codeOf('police', 'reference', '5000-K123456-26'), undefined);
    });
  });

  describe('rules across fields', () => {
    it('employerMustFile: a report aimed at the workplace cannot be left to the employee', () => {
      const workplace = { ...CTX, aimedAtWorkplace: true };
      assert.deepEqual(errorsOf('police', { decision: 'employee-files' }, workplace), [{ field: 'decision', code: 'employerMustFile' }]);
      assert.deepEqual(errorsOf('police', { decision: 'employer-files' }, workplace), []);
      assert.deepEqual(errorsOf('police', { decision: 'employee-files' }, CTX), [], 'aimed at a person: the employee may file');
    });

    it('nothingToSave: an empty authority form, on the question the case asks', () => {
      assert.deepEqual(parseCaseInput('authority', {}, CTX), { ok: false, errors: [{ field: 'injuryReportDate', code: 'nothingToSave' }], raw: {} });
      assert.deepEqual(parseCaseInput('authority', {}, { ...CTX, possiblySerious: true }), {
        ok: false,
        errors: [{ field: 'seriousAssessment', code: 'nothingToSave' }],
        raw: {},
      });
      assert.deepEqual(errorsOf('authority', { seriousAssessment: '', notifiedDate: '', receiptId: '', copyToEmployee: '' }), [{ field: 'injuryReportDate', code: 'nothingToSave' }]);
    });

    it('any one answer is something to save', () => {
      assert.deepEqual(parseCaseInput('authority', { injuryReportDate: '2026-03-11' }, CTX), {
        ok: true,
        command: {
          kind: 'authority',
          seriousAssessment: undefined,
          notifiedDate: undefined,
          receiptId: undefined,
          reason: undefined,
          injuryReportDate: '2026-03-11',
          safetyRepInformed: undefined,
          copyToEmployee: undefined,
        },
      });
      assert.ok(parseCaseInput('authority', { safetyRepInformed: 'true' }, CTX).ok);
      assert.ok(parseCaseInput('authority', { copyToEmployee: true }, CTX).ok);
    });
  });

  describe('wrongType', () => {
    it('a value that is not a string (or boolean) is refused, whatever the form', () => {
      for (const [kind, field] of [['contact', 'date'], ['feedback', 'text'], ['forward', 'toId'], ['support', 'offers']] as const) {
        for (const value of [42, ['same-day-talk'], { text: 'x' }]) {
          const parsed = parseCaseInput(kind, { ...VALID[kind], [field]: value }, CTX);
          assert.ok(!parsed.ok);
          assert.deepEqual(parsed.errors, [{ field, code: 'wrongType' }], `${kind}.${field} = ${JSON.stringify(value)}`);
        }
      }
    });

    it('data that is not an object is an empty form', () => {
      for (const data of [undefined, null, 'text', 7]) {
        assert.deepEqual(parseCaseInput('feedback', data, CTX), { ok: false, errors: [{ field: 'text', code: 'required' }], raw: {} });
        assert.deepEqual(parseCaseInput('acknowledge', data, CTX), { ok: true, command: { kind: 'acknowledge' } });
      }
    });
  });

  describe('errors keep what was typed', () => {
    it('returns every raw value, valid and invalid, so the card can show them again', () => {
      const typed = { measureKind: 'training', text: `Utbildning, ${PERSONNUMMER}`, ownerId: OWNER, dueDate: '2026-02-30' };
      assert.deepEqual(parseCaseInput('measure-add', typed, CTX), {
        ok: false,
        errors: [
          { field: 'text', code: 'identityNumber' },
          { field: 'dueDate', code: 'invalidDate' },
        ],
        raw: typed,
      });
    });

    it('keeps flags typed as booleans as strings, and keeps the other values beside a wrongType', () => {
      const parsed = parseCaseInput('police', { decision: 'not-filed', reason: 7, protectedRequested: false }, CTX);
      assert.ok(!parsed.ok);
      assert.deepEqual(parsed.raw, { decision: 'not-filed', protectedRequested: 'false' });
      assert.deepEqual(parsed.errors, [{ field: 'reason', code: 'wrongType' }]);
    });

    it('one error per field: the first that applies', () => {
      const parsed = parseCaseInput('support', { offers: 'massage', response: 'maybe', followUpDate: '2020-01-01' }, CTX);
      assert.ok(!parsed.ok);
      assert.deepEqual(parsed.errors, [
        { field: 'offers', code: 'invalidChoice' },
        { field: 'response', code: 'invalidChoice' },
        { field: 'followUpDate', code: 'past' },
      ]);
    });
  });
});
