/**
 * Server-side validation of case forms as they arrive from a card: every value is checked for type,
 * allowed values, length, date sense and personal identity numbers. Pure; the time is passed in.
 */
import {
  MEASURE_KINDS,
  MEASURE_STATUSES,
  POLICE_DECISIONS,
  POLICE_FILERS,
  SERIOUS_ASSESSMENTS,
  SUPPORT_OFFERS,
  SUPPORT_RESPONSES,
  type MeasureKind,
  type MeasureStatus,
  type PoliceDecision,
  type PoliceFiler,
  type SeriousAssessment,
  type SupportOffer,
  type SupportResponse,
} from './case-file';
import type { CaseCommand, CaseCommandKind } from './case-commands';
import { stockholmLocal } from './local-time';
import { findIdentityNumbers } from './personnummer';

/** Limits of case text. */
export const CASE_LIMITS = { textMax: 1000, shortTextMax: 300, referenceMax: 60, idMax: 100 } as const;

/** Why a value was refused; the locale files word each as `case.error.<code>`. */
export type CaseErrorCode =
  | 'required'
  | 'wrongType'
  | 'invalidChoice'
  | 'invalidDate'
  | 'future'
  | 'past'
  | 'tooOld'
  | 'tooFar'
  | 'tooLong'
  | 'identityNumber'
  | 'employerMustFile'
  | 'nothingToSave';

/** A refused value. */
export interface CaseFieldError {
  field: string;
  code: CaseErrorCode;
}

/** What validation needs to know about the case and the time. */
export interface CaseInputContext {
  now: Date;
  /** The incident may be an allvarligt tillbud: the serious assessment is asked for. */
  possiblySerious: boolean;
  /** The report was aimed at the workplace, not a person: the employer files with the police. */
  aimedAtWorkplace: boolean;
}

/** The inputs each form has, in the order they are shown. */
export const CASE_FORM_FIELDS: Readonly<Record<CaseCommandKind, readonly string[]>> = {
  acknowledge: [],
  close: [],
  contact: ['date'],
  support: ['offers', 'response', 'followUpDate'],
  police: ['decision', 'reason', 'filedBy', 'filedDate', 'reference', 'protectedRequested'],
  authority: ['seriousAssessment', 'notifiedDate', 'receiptId', 'reason', 'injuryReportDate', 'safetyRepInformed', 'copyToEmployee'],
  'measure-add': ['measureKind', 'text', 'ownerId', 'dueDate'],
  'measure-status': ['measureId', 'status'],
  feedback: ['text'],
  forward: ['toId'],
  reopen: ['reason'],
  'security-note': ['text'],
  'high-threat': ['on', 'reason'],
  reassign: ['toId'],
};

/** The result of parsing a form. */
export type ParsedCaseInput = { ok: true; command: CaseCommand } | { ok: false; errors: CaseFieldError[]; raw: Record<string, string> };

/**
 * Reads the raw strings of a form from card data: only the form's own inputs, strings only.
 *
 * @param kind - the command
 * @param data - the invoke's data
 * @returns the raw values, and a `wrongType` error for any value that is not a string
 */
export function readCaseRaw(kind: CaseCommandKind, data: unknown): { raw: Record<string, string>; errors: CaseFieldError[] } {
  const raw: Record<string, string> = {};
  const errors: CaseFieldError[] = [];
  const source = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  for (const field of CASE_FORM_FIELDS[kind]) {
    const value = source[field];
    if (value === undefined || value === null) continue;
    if (typeof value === 'boolean') raw[field] = String(value);
    else if (typeof value === 'string') raw[field] = value.slice(0, CASE_LIMITS.textMax + 100);
    else errors.push({ field, code: 'wrongType' });
  }
  return { raw, errors };
}

/**
 * Parses and validates a form into a command.
 *
 * @param kind - the command the form is for
 * @param data - the invoke's data (untrusted)
 * @param ctx - the time and what the case needs asked
 * @returns the command, or the errors with everything typed kept
 */
export function parseCaseInput(kind: CaseCommandKind, data: unknown, ctx: CaseInputContext): ParsedCaseInput {
  const { raw, errors } = readCaseRaw(kind, data);
  const v = new FieldReader(raw, errors, ctx.now);
  const command = build(kind, v, ctx);
  return errors.length === 0 && command ? { ok: true, command } : { ok: false, errors, raw };
}

function build(kind: CaseCommandKind, v: FieldReader, ctx: CaseInputContext): CaseCommand | undefined {
  switch (kind) {
    case 'acknowledge':
    case 'close':
      return { kind };
    case 'contact':
      return { kind, date: v.pastDate('date', true)! };
    case 'support':
      return {
        kind,
        offers: v.multi<SupportOffer>('offers', SUPPORT_OFFERS, true),
        response: v.choice<SupportResponse>('response', SUPPORT_RESPONSES, true)!,
        followUpDate: v.futureDate('followUpDate', false),
      };
    case 'police':
      return police(v, ctx);
    case 'authority':
      return authority(v, ctx);
    case 'measure-add':
      return {
        kind,
        measureKind: v.choice<MeasureKind>('measureKind', MEASURE_KINDS, true)!,
        text: v.text('text', CASE_LIMITS.shortTextMax, true)!,
        ownerId: v.id('ownerId', true)!,
        dueDate: v.futureDate('dueDate', true)!,
      };
    case 'measure-status':
      return { kind, measureId: v.id('measureId', true)!, status: v.choice<MeasureStatus>('status', MEASURE_STATUSES, true)! };
    case 'feedback':
      return { kind, text: v.text('text', CASE_LIMITS.textMax, true)! };
    case 'forward':
    case 'reassign':
      return { kind, toId: v.id('toId', true)! };
    case 'reopen':
      return { kind, reason: v.text('reason', CASE_LIMITS.shortTextMax, true)! };
    case 'security-note':
      return { kind, text: v.text('text', CASE_LIMITS.textMax, true)! };
    case 'high-threat':
      return { kind, on: v.flag('on') ?? false, reason: v.text('reason', CASE_LIMITS.shortTextMax, false) };
  }
}

function police(v: FieldReader, ctx: CaseInputContext): CaseCommand {
  const decision = v.choice<PoliceDecision>('decision', POLICE_DECISIONS, true);
  if (decision === 'employee-files' && ctx.aimedAtWorkplace) v.fail('decision', 'employerMustFile');
  return {
    kind: 'police',
    decision: decision!,
    reason: v.text('reason', CASE_LIMITS.shortTextMax, decision === 'not-filed'),
    filedBy: v.choice<PoliceFiler>('filedBy', POLICE_FILERS, false),
    filedDate: v.pastDate('filedDate', false),
    reference: v.text('reference', CASE_LIMITS.referenceMax, false),
    protectedRequested: v.flag('protectedRequested') ?? false,
  };
}

function authority(v: FieldReader, ctx: CaseInputContext): CaseCommand {
  const seriousAssessment = v.choice<SeriousAssessment>('seriousAssessment', SERIOUS_ASSESSMENTS, false);
  const command: CaseCommand = {
    kind: 'authority',
    seriousAssessment,
    notifiedDate: v.pastDate('notifiedDate', seriousAssessment === 'notified'),
    receiptId: v.text('receiptId', CASE_LIMITS.referenceMax, false),
    reason: v.text('reason', CASE_LIMITS.shortTextMax, seriousAssessment === 'not-serious'),
    injuryReportDate: v.pastDate('injuryReportDate', false),
    safetyRepInformed: v.flag('safetyRepInformed'),
    copyToEmployee: v.flag('copyToEmployee'),
  };
  const anything = seriousAssessment || command.injuryReportDate || command.safetyRepInformed || command.copyToEmployee;
  if (!anything) v.fail(ctx.possiblySerious ? 'seriousAssessment' : 'injuryReportDate', 'nothingToSave');
  return command;
}

/** Reads typed values from raw strings, collecting errors. */
class FieldReader {
  constructor(
    private readonly raw: Record<string, string>,
    private readonly errors: CaseFieldError[],
    private readonly now: Date,
  ) {}

  fail(field: string, code: CaseErrorCode): undefined {
    if (!this.errors.some((e) => e.field === field)) this.errors.push({ field, code });
    return undefined;
  }

  private value(field: string, required: boolean): string | undefined {
    const v = this.raw[field]?.trim();
    if (v) return v;
    if (required) this.fail(field, 'required');
    return undefined;
  }

  choice<T extends string>(field: string, allowed: readonly T[], required: boolean): T | undefined {
    const v = this.value(field, required);
    if (v === undefined) return undefined;
    return (allowed as readonly string[]).includes(v) ? (v as T) : this.fail(field, 'invalidChoice');
  }

  multi<T extends string>(field: string, allowed: readonly T[], required: boolean): T[] {
    const v = this.value(field, required);
    if (v === undefined) return [];
    const values = [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))];
    if (values.some((x) => !(allowed as readonly string[]).includes(x))) this.fail(field, 'invalidChoice');
    return values as T[];
  }

  text(field: string, max: number, required: boolean): string | undefined {
    const v = this.value(field, required);
    if (v === undefined) return undefined;
    if (v.length > max) return this.fail(field, 'tooLong');
    if (findIdentityNumbers(v).length > 0) return this.fail(field, 'identityNumber');
    return v;
  }

  id(field: string, required: boolean): string | undefined {
    const v = this.value(field, required);
    if (v === undefined) return undefined;
    return v.length <= CASE_LIMITS.idMax ? v : this.fail(field, 'invalidChoice');
  }

  flag(field: string): boolean | undefined {
    const v = this.raw[field]?.trim();
    if (v === undefined || v === '') return undefined;
    if (v === 'true') return true;
    if (v === 'false') return false;
    return this.fail(field, 'invalidChoice');
  }

  /** A date that has happened: not in the future, at most five years back. */
  pastDate(field: string, required: boolean): string | undefined {
    const v = this.date(field, required);
    if (v === undefined) return undefined;
    const today = stockholmLocal(this.now).slice(0, 10);
    if (v > today) return this.fail(field, 'future');
    if (v < shiftYears(today, -5)) return this.fail(field, 'tooOld');
    return v;
  }

  /** A date to come: today or later, at most two years ahead. */
  futureDate(field: string, required: boolean): string | undefined {
    const v = this.date(field, required);
    if (v === undefined) return undefined;
    const today = stockholmLocal(this.now).slice(0, 10);
    if (v < today) return this.fail(field, 'past');
    if (v > shiftYears(today, 2)) return this.fail(field, 'tooFar');
    return v;
  }

  private date(field: string, required: boolean): string | undefined {
    const v = this.value(field, required);
    if (v === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return this.fail(field, 'invalidDate');
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : this.fail(field, 'invalidDate');
  }
}

function shiftYears(localDate: string, years: number): string {
  return `${Number(localDate.slice(0, 4)) + years}${localDate.slice(4)}`;
}
