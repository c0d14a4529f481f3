/**
 * The inputs of each case form, as data for the `case-form` template: which input, which choices
 * (wording from the locale files), what was typed and what was wrong with it.
 */
import type { Locale } from '../config';
import { handoverTargets } from '../domain/access';
import type { CaseCommandKind } from '../domain/case-commands';
import { measureOwners } from '../domain/case-decisions';
import {
  MEASURE_KINDS,
  MEASURE_STATUSES,
  POLICE_DECISIONS,
  POLICE_FILERS,
  SERIOUS_ASSESSMENTS,
  SUPPORT_OFFERS,
  SUPPORT_RESPONSES,
} from '../domain/case-file';
import { CASE_FORM_FIELDS, CASE_LIMITS, type CaseFieldError } from '../domain/case-input';
import type { Incident } from '../domain/incident';
import type { Organisation } from '../domain/organisation';
import { translate, type MessageKey } from '../i18n/translator';

type FieldType = 'date' | 'text' | 'choice' | 'multi' | 'toggle';

/** One input of a form, ready for the template. */
export interface FormField {
  id: string;
  type: FieldType;
  label: string;
  value: string;
  required: boolean;
  choices: Array<{ title: string; value: string }>;
  maxLength: number;
  multiline: boolean;
  error: string;
}

/** Option lists whose wording is `case.option.<list>.<value>`. */
const OPTION_LISTS: Readonly<Record<string, readonly string[]>> = {
  offers: SUPPORT_OFFERS,
  response: SUPPORT_RESPONSES,
  decision: POLICE_DECISIONS,
  filedBy: POLICE_FILERS,
  seriousAssessment: SERIOUS_ASSESSMENTS,
  measureKind: MEASURE_KINDS,
  status: MEASURE_STATUSES,
};

const DATES = new Set(['date', 'followUpDate', 'filedDate', 'notifiedDate', 'injuryReportDate', 'dueDate']);
const TOGGLES = new Set(['protectedRequested', 'safetyRepInformed', 'copyToEmployee', 'on']);
const PEOPLE = new Set(['ownerId', 'toId']);
const REQUIRED: Readonly<Partial<Record<CaseCommandKind, readonly string[]>>> = {
  contact: ['date'],
  support: ['offers', 'response'],
  police: ['decision'],
  'measure-add': ['measureKind', 'text', 'ownerId', 'dueDate'],
  'measure-status': ['measureId', 'status'],
  feedback: ['text'],
  forward: ['toId'],
  reassign: ['toId'],
  reopen: ['reason'],
  'security-note': ['text'],
};
const LONG_TEXT = new Set(['feedback:text', 'security-note:text']);

/**
 * The inputs of a form.
 *
 * @param form - the command
 * @param incident - the case (for people and measures to choose from)
 * @param org - the organisation (names)
 * @param locale - the reader's locale
 * @param raw - values typed earlier
 * @param errors - what was wrong with them
 * @returns the fields in the order they are shown
 */
export function formFields(
  form: CaseCommandKind,
  incident: Incident,
  org: Organisation,
  locale: Locale,
  raw: Record<string, string>,
  errors: readonly CaseFieldError[],
): FormField[] {
  return CASE_FORM_FIELDS[form].map((id) => {
    const type: FieldType = DATES.has(id) ? 'date' : TOGGLES.has(id) ? 'toggle' : id === 'offers' ? 'multi' : choicesOf(form, id, incident, org, locale) ? 'choice' : 'text';
    const error = errors.find((e) => e.field === id);
    const long = LONG_TEXT.has(`${form}:${id}`);
    return {
      id,
      type,
      label: translate(locale, `case.field.${form === 'high-threat' && id === 'reason' ? 'highThreatReason' : id}` as MessageKey),
      value: raw[id] ?? (type === 'toggle' ? 'false' : ''),
      required: REQUIRED[form]?.includes(id) ?? false,
      choices: choicesOf(form, id, incident, org, locale) ?? [],
      maxLength: long ? CASE_LIMITS.textMax : id === 'reference' || id === 'receiptId' ? CASE_LIMITS.referenceMax : CASE_LIMITS.shortTextMax,
      multiline: long,
      error: error ? translate(locale, `case.error.${error.code}` as MessageKey, { max: long ? CASE_LIMITS.textMax : CASE_LIMITS.shortTextMax }) : '',
    };
  });
}

function choicesOf(form: CaseCommandKind, id: string, incident: Incident, org: Organisation, locale: Locale) {
  const name = (personId: string) => org.people[personId] ?? personId;
  const list = OPTION_LISTS[id];
  if (list) return list.map((value) => ({ value, title: translate(locale, `case.option.${id}.${value}` as MessageKey) }));
  if (id === 'measureId') return incident.case.measures.map((m) => ({ value: m.id, title: m.text }));
  if (!PEOPLE.has(id)) return undefined;
  const ids = id === 'ownerId' ? measureOwners(org, incident) : handoverTargets(org, incident);
  const people = ids.map((p) => ({ value: p, title: name(p) })).sort((a, b) => a.title.localeCompare(b.title, 'sv'));
  return form === 'reassign' ? [{ value: 'coordinators', title: translate(locale, 'case.option.toId.coordinators') }, ...people] : people;
}
