/**
 * Server-side validation of report input as it arrives from a card: every value is checked for
 * type, allowed values, length and date sense. Pure; the current time is passed in.
 */
import { addLocalDays, stockholmLocal } from './local-time';
import { findIdentityNumbers } from './personnummer';
import {
  FORMS,
  INJURIES,
  LIMITS,
  PERPETRATOR_ROLES,
  PLACES,
  POLICE_INTENTS,
  PURPOSES,
  RECURRENCES,
  SUPPORTS,
  TARGETS,
  WORK_AREAS,
  YES_NO,
  type ReportAnswers,
  type ReportField,
} from './report-schema';

/** The inputs of the report cards: report fields, with date and time as two inputs. */
export const RAW_FIELDS = [
  'forms',
  'purpose',
  'occurredDate',
  'occurredTime',
  'place',
  'workArea',
  'unitId',
  'perpetratorRole',
  'recurrence',
  'target',
  'injuries',
  'weapon',
  'perceivedSerious',
  'policeIntent',
  'support',
  'description',
] as const;
export type RawField = (typeof RAW_FIELDS)[number];

/** Raw input as typed, one string per card input. */
export type RawReport = Partial<Record<RawField, string>>;

/** Why a value was refused; the locale files word each as `report.error.<code>`. */
export type ErrorCode =
  | 'required'
  | 'wrongType'
  | 'invalidChoice'
  | 'exclusive'
  | 'tooShort'
  | 'tooLong'
  | 'invalidDate'
  | 'invalidTime'
  | 'future'
  | 'tooOld'
  | 'unknownUnit'
  | 'identityNumber';

/** A refused value. */
export interface FieldError {
  field: RawField;
  code: ErrorCode;
}

/** What validation needs to know besides the input. */
export interface ValidationContext {
  now: Date;
  /** Units a report may name. */
  unitIds: readonly string[];
}

/**
 * The card inputs that carry a report field.
 *
 * @param fields - report fields
 * @returns their card inputs (`occurredAt` is a date and a time input)
 */
export function rawFieldsOf(fields: readonly ReportField[]): RawField[] {
  return fields.flatMap((f): RawField[] => (f === 'occurredAt' ? ['occurredDate', 'occurredTime'] : [f]));
}

/**
 * Takes the known inputs out of untrusted invoke data. Non-string values are refused with
 * `wrongType` and not kept; strings are kept (bounded in length) so nothing typed is lost.
 *
 * @param data - `activity.value.action.data` of an invoke, or anything else
 * @param fields - the inputs to read
 * @returns the raw values and type errors
 */
export function readRawInput(data: unknown, fields: readonly RawField[]): { raw: RawReport; errors: FieldError[] } {
  const raw: RawReport = {};
  const errors: FieldError[] = [];
  const source = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  for (const field of fields) {
    const value = source[field];
    if (value === undefined || value === null) continue;
    if (typeof value === 'boolean' || typeof value === 'number') raw[field] = String(value);
    else if (typeof value === 'string') raw[field] = value.slice(0, LIMITS.rawFieldMax);
    else errors.push({ field, code: 'wrongType' });
  }
  return { raw, errors };
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

function choice(allowed: readonly string[], value: string | undefined): ErrorCode | undefined {
  const v = value?.trim() ?? '';
  if (v === '') return 'required';
  return allowed.includes(v) ? undefined : 'invalidChoice';
}

function multi(allowed: readonly string[], exclusive: string | undefined, value: string | undefined): ErrorCode | undefined {
  const values = list(value);
  if (values.length === 0) return 'required';
  if (values.some((v) => !allowed.includes(v)) || new Set(values).size !== values.length) return 'invalidChoice';
  if (exclusive && values.includes(exclusive) && values.length > 1) return 'exclusive';
  return undefined;
}

function date(value: string | undefined, ctx: ValidationContext, time: string | undefined): ErrorCode | undefined {
  const v = value?.trim() ?? '';
  if (v === '') return 'required';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return 'invalidDate';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== v) return 'invalidDate';
  const now = stockholmLocal(ctx.now);
  const when = `${v}T${isTime(time) ? time!.trim() : '00:00'}`;
  if (when > now) return 'future';
  if (when < addLocalDays(now, -LIMITS.maxAgeDays)) return 'tooOld';
  return undefined;
}

function isTime(value: string | undefined): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(value?.trim() ?? '');
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}

function description(value: string | undefined): ErrorCode | undefined {
  const v = value?.trim() ?? '';
  if (v === '') return 'required';
  if (v.length < LIMITS.descriptionMin) return 'tooShort';
  if (v.length > LIMITS.descriptionMax) return 'tooLong';
  if (findIdentityNumbers(v).length > 0) return 'identityNumber';
  return undefined;
}

const CHECKS: Record<RawField, (raw: RawReport, ctx: ValidationContext) => ErrorCode | undefined> = {
  forms: (r) => multi(FORMS, undefined, r.forms),
  purpose: (r) => choice(PURPOSES, r.purpose),
  occurredDate: (r, ctx) => date(r.occurredDate, ctx, r.occurredTime),
  occurredTime: (r) => ((r.occurredTime?.trim() ?? '') === '' ? 'required' : isTime(r.occurredTime) ? undefined : 'invalidTime'),
  place: (r) => choice(PLACES, r.place),
  workArea: (r) => choice(WORK_AREAS, r.workArea),
  unitId: (r, ctx) => ((r.unitId?.trim() ?? '') === '' ? 'required' : ctx.unitIds.includes(r.unitId!.trim()) ? undefined : 'unknownUnit'),
  perpetratorRole: (r) => choice(PERPETRATOR_ROLES, r.perpetratorRole),
  recurrence: (r) => choice(RECURRENCES, r.recurrence),
  target: (r) => choice(TARGETS, r.target),
  injuries: (r) => multi(INJURIES, 'none', r.injuries),
  weapon: (r) => choice(YES_NO, r.weapon),
  perceivedSerious: (r) => choice(YES_NO, r.perceivedSerious),
  policeIntent: (r) => choice(POLICE_INTENTS, r.policeIntent),
  support: (r) => multi(SUPPORTS, 'not-now', r.support),
  description: (r) => description(r.description),
};

/**
 * Validates some inputs of a report.
 *
 * @param raw - the raw input
 * @param fields - the inputs to check (one step's, or all)
 * @param ctx - the current time and the known units
 * @returns the errors, in field order; empty when every field is valid
 */
export function validateFields(raw: RawReport, fields: readonly RawField[], ctx: ValidationContext): FieldError[] {
  return fields.flatMap((field) => {
    const code = CHECKS[field](raw, ctx);
    return code ? [{ field, code }] : [];
  });
}

/**
 * Builds the report from raw input that passed {@link validateFields} for every field.
 *
 * @param raw - fully valid raw input
 * @param ctx - the current time and the known units
 * @returns the typed report
 * @throws Error when any field is invalid (a programming error: validate first)
 */
export function toReportAnswers(raw: RawReport, ctx: ValidationContext): ReportAnswers {
  const errors = validateFields(raw, RAW_FIELDS, ctx);
  if (errors.length > 0) throw new Error(`report is not valid: ${errors.map((e) => e.field).join(', ')}`);
  const s = (f: RawField) => raw[f]!.trim();
  return {
    forms: list(raw.forms) as ReportAnswers['forms'],
    purpose: s('purpose') as ReportAnswers['purpose'],
    occurredAt: `${s('occurredDate')}T${s('occurredTime')}`,
    place: s('place') as ReportAnswers['place'],
    workArea: s('workArea') as ReportAnswers['workArea'],
    unitId: s('unitId'),
    perpetratorRole: s('perpetratorRole') as ReportAnswers['perpetratorRole'],
    recurrence: s('recurrence') as ReportAnswers['recurrence'],
    target: s('target') as ReportAnswers['target'],
    injuries: list(raw.injuries) as ReportAnswers['injuries'],
    weapon: s('weapon') as ReportAnswers['weapon'],
    perceivedSerious: s('perceivedSerious') as ReportAnswers['perceivedSerious'],
    policeIntent: s('policeIntent') as ReportAnswers['policeIntent'],
    support: list(raw.support) as ReportAnswers['support'],
    description: s('description'),
  };
}
