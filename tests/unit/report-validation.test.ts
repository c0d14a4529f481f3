import { strict as assert } from 'node:assert';
import { LIMITS, REPORT_FIELDS, REPORT_STEPS } from '../../src/domain/report-schema';
import {
  RAW_FIELDS,
  rawFieldsOf,
  readRawInput,
  toReportAnswers,
  validateFields,
  type ErrorCode,
  type RawField,
  type RawReport,
  type ValidationContext,
} from '../../src/domain/report-validation';

// 2026-11-23T22:30Z is 23:30 in Stockholm (CET, UTC+1): the UTC and local clocks disagree here.
const NOW = new Date('2026-11-23T22:30:00Z');
const CTX: ValidationContext = { now: NOW, unitIds: ['unit-norr-barn', 'unit-norr-ekbistand'] };

/** A complete report as the three cards send it: every value valid. */
function validRaw(): RawReport {
  return {
    forms: 'threat-self,harassment',
    purpose: 'yes',
    occurredDate: '2026-11-23',
    occurredTime: '14:05',
    place: 'reception',
    workArea: 'financial-aid',
    unitId: 'unit-norr-ekbistand',
    perpetratorRole: 'client',
    recurrence: 'repeated',
    target: 'me',
    injuries: 'psychological',
    weapon: 'no',
    perceivedSerious: 'yes',
    policeIntent: 'want-help',
    support: 'manager-today,debriefing',
    description: 'En klient hotade mig i receptionen efter ett avslag på ekonomiskt bistånd.',
  };
}

/** The error code of one input, or undefined when it is valid. */
function codeOf(field: RawField, patch: RawReport, ctx: ValidationContext = CTX): ErrorCode | undefined {
  const errors = validateFields({ ...validRaw(), ...patch }, [field], ctx);
  assert.ok(errors.length <= 1, 'at most one error per input');
  if (errors.length === 1) assert.equal(errors[0].field, field);
  return errors[0]?.code;
}

describe('report validation', () => {
  describe('a complete valid report', () => {
    it('has no errors', () => {
      assert.deepEqual(validateFields(validRaw(), RAW_FIELDS, CTX), []);
    });

    it('checks only the inputs it is asked about', () => {
      const raw: RawReport = { forms: 'violence' };
      assert.deepEqual(validateFields(raw, ['forms'], CTX), []);
      assert.deepEqual(
        validateFields(raw, ['forms', 'purpose', 'place'], CTX),
        [
          { field: 'purpose', code: 'required' },
          { field: 'place', code: 'required' },
        ],
      );
    });

    it('reports every missing input as required, in field order', () => {
      assert.deepEqual(
        validateFields({}, RAW_FIELDS, CTX),
        RAW_FIELDS.map((field) => ({ field, code: 'required' })),
      );
    });

    it('treats blank and whitespace-only values as missing', () => {
      for (const field of RAW_FIELDS) {
        assert.equal(codeOf(field, { [field]: '' }), 'required', `${field} empty`);
        assert.equal(codeOf(field, { [field]: '   \n\t' }), 'required', `${field} whitespace`);
      }
    });
  });

  describe('single-choice inputs', () => {
    const singles: Array<[RawField, string[]]> = [
      ['purpose', ['yes', 'no', 'unknown']],
      ['place', ['reception', 'office', 'home-visit', 'phone', 'letter', 'email-sms', 'social-media', 'public-place', 'off-duty']],
      ['workArea', ['children-youth', 'financial-aid', 'adults-addiction', 'disability-lss', 'elderly-care', 'other']],
      ['perpetratorRole', ['client', 'relative', 'external', 'contractor', 'colleague', 'manager', 'elected-official', 'unknown']],
      ['recurrence', ['first-time', 'repeated', 'unknown']],
      ['target', ['me', 'colleague', 'workplace']],
      ['weapon', ['yes', 'no']],
      ['perceivedSerious', ['yes', 'no']],
      ['policeIntent', ['filed', 'want-help', 'not-filing', 'unsure']],
    ];

    for (const [field, allowed] of singles) {
      it(`${field}: accepts each allowed code and refuses anything else`, () => {
        for (const value of allowed) assert.equal(codeOf(field, { [field]: value }), undefined, value);
        assert.equal(codeOf(field, { [field]: ` ${allowed[0]} ` }), undefined, 'surrounding spaces are ignored');
        assert.equal(codeOf(field, { [field]: 'banana' }), 'invalidChoice');
        assert.equal(codeOf(field, { [field]: allowed[0].toUpperCase() }), 'invalidChoice', 'codes are case-sensitive');
        assert.equal(codeOf(field, { [field]: `${allowed[0]},${allowed[1]}` }), 'invalidChoice', 'one value only');
      });
    }
  });

  describe('multi-select inputs', () => {
    it('forms: accepts one or several codes, refuses unknown and duplicate ones', () => {
      assert.equal(codeOf('forms', { forms: 'violence' }), undefined);
      assert.equal(codeOf('forms', { forms: 'threat-self,threat-close,violence,harassment,damage,bribe,other' }), undefined);
      assert.equal(codeOf('forms', { forms: ' threat-self , bribe ' }), undefined, 'spaces around codes are ignored');
      assert.equal(codeOf('forms', { forms: 'violence,,damage,' }), undefined, 'empty items are ignored');
      assert.equal(codeOf('forms', { forms: 'violence,murder' }), 'invalidChoice');
      assert.equal(codeOf('forms', { forms: 'violence,violence' }), 'invalidChoice', 'duplicates');
      assert.equal(codeOf('forms', { forms: ',,' }), 'required', 'only separators');
    });

    it("injuries: 'none' excludes the others", () => {
      assert.equal(codeOf('injuries', { injuries: 'none' }), undefined);
      assert.equal(codeOf('injuries', { injuries: 'physical,psychological' }), undefined);
      assert.equal(codeOf('injuries', { injuries: 'none,physical' }), 'exclusive');
      assert.equal(codeOf('injuries', { injuries: 'psychological,none' }), 'exclusive');
      assert.equal(codeOf('injuries', { injuries: 'physical,physical' }), 'invalidChoice', 'duplicates');
      assert.equal(codeOf('injuries', { injuries: 'broken-arm' }), 'invalidChoice');
    });

    it("support: 'not-now' excludes the others", () => {
      assert.equal(codeOf('support', { support: 'not-now' }), undefined);
      assert.equal(codeOf('support', { support: 'manager-today,debriefing,occupational-health' }), undefined);
      assert.equal(codeOf('support', { support: 'not-now,debriefing' }), 'exclusive');
      assert.equal(codeOf('support', { support: 'occupational-health,not-now' }), 'exclusive');
      assert.equal(codeOf('support', { support: 'debriefing,debriefing' }), 'invalidChoice', 'duplicates');
      assert.equal(codeOf('support', { support: 'vacation' }), 'invalidChoice');
    });
  });

  describe('unit', () => {
    it('accepts a known unit and refuses an unknown one', () => {
      assert.equal(codeOf('unitId', { unitId: 'unit-norr-barn' }), undefined);
      assert.equal(codeOf('unitId', { unitId: ' unit-norr-barn ' }), undefined);
      assert.equal(codeOf('unitId', { unitId: 'unit-syd-barn' }), 'unknownUnit');
      assert.equal(codeOf('unitId', { unitId: 'unit-norr-barn' }, { now: NOW, unitIds: [] }), 'unknownUnit');
    });
  });

  describe('description', () => {
    it(`must be ${LIMITS.descriptionMin}..${LIMITS.descriptionMax} characters after trimming`, () => {
      assert.equal(codeOf('description', { description: 'x'.repeat(LIMITS.descriptionMin) }), undefined);
      assert.equal(codeOf('description', { description: 'x'.repeat(LIMITS.descriptionMin - 1) }), 'tooShort');
      assert.equal(codeOf('description', { description: `   ${'x'.repeat(LIMITS.descriptionMin - 1)}   ` }), 'tooShort');
      assert.equal(codeOf('description', { description: 'Hot.' }), 'tooShort');
      assert.equal(codeOf('description', { description: 'x'.repeat(LIMITS.descriptionMax) }), undefined);
      assert.equal(codeOf('description', { description: `  ${'x'.repeat(LIMITS.descriptionMax)}  ` }), undefined);
      assert.equal(codeOf('description', { description: 'x'.repeat(LIMITS.descriptionMax + 1) }), 'tooLong');
    });

    it('refuses a text with a valid personnummer or samordningsnummer', () => {
      for (const number of ['811218-9876', '19811218-9876', '8112189876', '701063-2391']) {
        assert.equal(
          codeOf('description', { description: `Klienten med nummer ${number} hotade mig i telefon.` }),
          'identityNumber',
          number,
        );
      }
    });

    it('accepts numbers that are not identity numbers (wrong check digit, phone numbers)', () => {
      assert.equal(codeOf('description', { description: 'Hen ringde från 070-123 45 67 flera gånger.' }), undefined);
      assert.equal(codeOf('description', { description: 'Ärendenummer 811218-9875 nämndes i samtalet.' }), undefined);
    });

    it('keeps hostile text as inert text: validation is not an HTML filter', () => {
      const hostile =
        'Hen skrev ${process.exit(1)} och {{user.name}} i chatten, skickade [klicka här](https://evil.example/x) ' +
        'och <script>alert("x")</script><img src=x onerror=alert(1)> i ett mejl.';
      assert.equal(codeOf('description', { description: hostile }), undefined);
      const report = toReportAnswers({ ...validRaw(), description: `  ${hostile}  ` }, CTX);
      assert.equal(report.description, hostile, 'stored exactly as typed, only trimmed');
    });
  });

  describe('date and time', () => {
    it('accepts a past date and time', () => {
      assert.deepEqual(validateFields({ occurredDate: '2026-11-20', occurredTime: '08:00' }, ['occurredDate', 'occurredTime'], CTX), []);
    });

    it('refuses dates that do not exist or are not written YYYY-MM-DD', () => {
      const invalid = ['2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '2025-02-29', '23/11/2026'];
      invalid.push('2026-11-3', '2026/11/23', '20261123', 'igår', '2026-11-23T10:00');
      for (const value of invalid) {
        assert.equal(codeOf('occurredDate', { occurredDate: value }), 'invalidDate', value);
      }
      assert.equal(codeOf('occurredDate', { occurredDate: '2024-02-29' }), undefined, 'a real leap day');
      assert.equal(codeOf('occurredDate', { occurredDate: ' 2026-11-20 ' }), undefined, 'surrounding spaces are ignored');
    });

    it('refuses times that are not HH:MM on a 24-hour clock', () => {
      for (const value of ['25:00', '24:00', '12:60', '9:5', '9:05', '0905', '09.05', '9 am', '09:05:00']) {
        assert.equal(codeOf('occurredTime', { occurredTime: value }), 'invalidTime', value);
      }
      for (const value of ['00:00', '09:05', '23:59', ' 12:30 ']) {
        assert.equal(codeOf('occurredTime', { occurredTime: value }), undefined, value);
      }
    });

    it('compares with Swedish local time in winter (UTC+1): 23:15 is past, 23:45 is future at 22:30Z', () => {
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-11-23', occurredTime: '23:15' }), undefined);
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-11-23', occurredTime: '23:30' }), undefined, 'this very minute');
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-11-23', occurredTime: '23:31' }), 'future');
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-11-23', occurredTime: '23:45' }), 'future');
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-11-24', occurredTime: '00:00' }), 'future');
    });

    it('compares with Swedish local time in summer (UTC+2)', () => {
      const ctx = { ...CTX, now: new Date('2026-07-10T21:30:00Z') }; // 23:30 in Stockholm
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-07-10', occurredTime: '23:15' }, ctx), undefined);
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-07-10', occurredTime: '23:45' }, ctx), 'future');
    });

    it('uses the Swedish date after local midnight, when UTC is still on the day before', () => {
      const ctx = { ...CTX, now: new Date('2026-11-23T23:30:00Z') }; // 2026-11-24 00:30 in Stockholm
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-11-24', occurredTime: '00:15' }, ctx), undefined);
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-11-24', occurredTime: '00:45' }, ctx), 'future');
    });

    it('refuses a future date whatever the time input holds', () => {
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-12-24', occurredTime: '' }), 'future');
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-12-24', occurredTime: '25:00' }), 'future');
      assert.equal(codeOf('occurredDate', { occurredDate: '2026-11-23', occurredTime: '' }), undefined, 'today, time unknown yet');
    });

    it(`refuses events more than ${LIMITS.maxAgeDays} days back`, () => {
      // 1825 days before 2026-11-23 23:30 (a leap day in between) is 2021-11-24 23:30.
      assert.equal(codeOf('occurredDate', { occurredDate: '2021-11-24', occurredTime: '23:30' }), undefined, 'exactly at the limit');
      assert.equal(codeOf('occurredDate', { occurredDate: '2021-11-24', occurredTime: '23:29' }), 'tooOld');
      assert.equal(codeOf('occurredDate', { occurredDate: '2021-11-23', occurredTime: '12:00' }), 'tooOld');
      assert.equal(codeOf('occurredDate', { occurredDate: '1999-01-01', occurredTime: '12:00' }), 'tooOld');
      assert.equal(codeOf('occurredDate', { occurredDate: '2022-01-01', occurredTime: '12:00' }), undefined);
    });
  });

  describe('rawFieldsOf', () => {
    it('maps occurredAt to its date and time inputs and keeps the others', () => {
      assert.deepEqual(rawFieldsOf(['forms', 'occurredAt', 'description']), ['forms', 'occurredDate', 'occurredTime', 'description']);
      assert.deepEqual(rawFieldsOf(['weapon']), ['weapon']);
      assert.deepEqual(rawFieldsOf([]), []);
    });

    it('gives every card input exactly once over all steps, in order', () => {
      assert.deepEqual(rawFieldsOf(REPORT_FIELDS), [...RAW_FIELDS]);
      assert.deepEqual(
        REPORT_STEPS.flatMap((s) => rawFieldsOf(s.fields)),
        [...RAW_FIELDS],
      );
    });
  });

  describe('readRawInput', () => {
    it('reads the asked inputs and ignores everything else', () => {
      const data = { verb: 'report.next', draftId: 'd1', version: 3, forms: 'violence', purpose: 'no', place: 'phone' };
      assert.deepEqual(readRawInput(data, ['forms', 'purpose']), { raw: { forms: 'violence', purpose: 'no' }, errors: [] });
    });

    it('skips missing and null inputs without an error', () => {
      assert.deepEqual(readRawInput({ forms: null, purpose: undefined }, ['forms', 'purpose', 'place']), { raw: {}, errors: [] });
    });

    it('turns booleans and numbers into strings', () => {
      const data = { weapon: true, perceivedSerious: false, occurredTime: 1405, unitId: 0 };
      assert.deepEqual(readRawInput(data, ['weapon', 'perceivedSerious', 'occurredTime', 'unitId']), {
        raw: { weapon: 'true', perceivedSerious: 'false', occurredTime: '1405', unitId: '0' },
        errors: [],
      });
    });

    it('refuses objects and arrays with wrongType and does not keep them', () => {
      const data = {
        forms: ['violence', 'damage'],
        description: { text: 'Jag blev hotad i receptionen' },
        support: [],
        purpose: 'yes',
      };
      const { raw, errors } = readRawInput(data, ['forms', 'purpose', 'support', 'description']);
      assert.deepEqual(raw, { purpose: 'yes' });
      assert.deepEqual(errors, [
        { field: 'forms', code: 'wrongType' },
        { field: 'support', code: 'wrongType' },
        { field: 'description', code: 'wrongType' },
      ]);
    });

    it(`keeps strings, cut to ${LIMITS.rawFieldMax} characters`, () => {
      const long = 'å'.repeat(LIMITS.rawFieldMax + 500);
      const { raw, errors } = readRawInput({ description: long, place: ' reception ' }, ['description', 'place']);
      assert.deepEqual(errors, []);
      assert.equal(raw.description?.length, LIMITS.rawFieldMax);
      assert.equal(raw.place, ' reception ', 'kept as typed; trimming is validation’s job');
      assert.equal(codeOf('description', { description: raw.description }), 'tooLong', 'a cut text is still too long');
    });

    it('reads nothing from data that is not an object', () => {
      for (const data of [undefined, null, 'forms=violence', 42, true]) {
        assert.deepEqual(readRawInput(data, RAW_FIELDS), { raw: {}, errors: [] }, String(data));
      }
    });

    it('does not pick inputs up from the prototype chain of plain JSON', () => {
      const data = JSON.parse('{"__proto__": {"forms": "violence"}, "purpose": "no"}');
      assert.deepEqual(readRawInput(data, ['forms', 'purpose']).raw.purpose, 'no');
      assert.equal(readRawInput(data, ['forms', 'purpose']).raw.forms, undefined);
    });
  });

  describe('toReportAnswers', () => {
    it('builds the typed report: trimmed values, lists split, date and time joined', () => {
      const raw: RawReport = {
        ...validRaw(),
        forms: ' threat-self , harassment ',
        purpose: ' yes ',
        occurredDate: ' 2026-11-23 ',
        occurredTime: ' 14:05 ',
        unitId: ' unit-norr-ekbistand ',
        injuries: 'physical, psychological',
        support: 'manager-today , debriefing,',
        description: '\n  En klient hotade mig i receptionen efter ett avslag på ekonomiskt bistånd.  \n',
      };
      assert.deepEqual(toReportAnswers(raw, CTX), {
        forms: ['threat-self', 'harassment'],
        purpose: 'yes',
        occurredAt: '2026-11-23T14:05',
        place: 'reception',
        workArea: 'financial-aid',
        unitId: 'unit-norr-ekbistand',
        perpetratorRole: 'client',
        recurrence: 'repeated',
        target: 'me',
        injuries: ['physical', 'psychological'],
        weapon: 'no',
        perceivedSerious: 'yes',
        policeIntent: 'want-help',
        support: ['manager-today', 'debriefing'],
        description: 'En klient hotade mig i receptionen efter ett avslag på ekonomiskt bistånd.',
      });
    });

    it('throws, naming the fields, when anything is invalid or missing', () => {
      assert.throws(() => toReportAnswers({ ...validRaw(), description: 'kort' }, CTX), /report is not valid: description/);
      assert.throws(() => toReportAnswers({ ...validRaw(), unitId: 'unit-x', weapon: 'maybe' }, CTX), /unitId, weapon/);
      assert.throws(() => toReportAnswers({ ...validRaw(), occurredTime: '23:45' }, CTX), /occurredDate/, 'future');
      const missing = validRaw();
      delete missing.support;
      assert.throws(() => toReportAnswers(missing, CTX), /support/);
      assert.throws(() => toReportAnswers({}, CTX), /report is not valid/);
    });

    it('throws for a description with a personnummer', () => {
      assert.throws(() => toReportAnswers({ ...validRaw(), description: 'Klienten 811218-9876 hotade mig.' }, CTX), /description/);
    });
  });
});
