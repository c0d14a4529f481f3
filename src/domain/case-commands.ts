/**
 * What managers and coordinators can do to a case, as typed commands. Commands are parsed and
 * validated from raw card input in `case-input.ts` and decided in `case-decisions.ts`.
 */
import type {
  MeasureKind,
  MeasureStatus,
  PoliceDecision,
  PoliceFiler,
  SeriousAssessment,
  SupportOffer,
  SupportResponse,
} from './case-file';

/** One command on a case. */
export type CaseCommand =
  | { kind: 'acknowledge' }
  | { kind: 'contact'; date: string }
  | { kind: 'support'; offers: SupportOffer[]; response: SupportResponse; followUpDate?: string }
  | {
      kind: 'police';
      decision: PoliceDecision;
      reason?: string;
      filedBy?: PoliceFiler;
      filedDate?: string;
      reference?: string;
      protectedRequested: boolean;
    }
  | {
      kind: 'authority';
      seriousAssessment?: SeriousAssessment;
      notifiedDate?: string;
      receiptId?: string;
      reason?: string;
      injuryReportDate?: string;
      safetyRepInformed?: boolean;
      copyToEmployee?: boolean;
    }
  | { kind: 'measure-add'; measureKind: MeasureKind; text: string; ownerId: string; dueDate: string }
  | { kind: 'measure-status'; measureId: string; status: MeasureStatus }
  | { kind: 'feedback'; text: string }
  | { kind: 'forward'; toId: string }
  | { kind: 'close' }
  | { kind: 'reopen'; reason: string }
  | { kind: 'security-note'; text: string }
  | { kind: 'high-threat'; on: boolean; reason?: string }
  | { kind: 'reassign'; toId: string };

/** The kinds of command. */
export type CaseCommandKind = CaseCommand['kind'];

/** Commands of the handling manager (and of coordinators when the case is escalated to them). */
export const MANAGER_COMMANDS = [
  'acknowledge',
  'contact',
  'support',
  'police',
  'authority',
  'measure-add',
  'measure-status',
  'feedback',
  'forward',
  'close',
  'reopen',
] as const satisfies readonly CaseCommandKind[];

/** Commands only the district's security coordinators have. */
export const COORDINATOR_COMMANDS = ['security-note', 'high-threat', 'reassign'] as const satisfies readonly CaseCommandKind[];

/** Every command kind. */
export const CASE_COMMANDS: readonly CaseCommandKind[] = [...MANAGER_COMMANDS, ...COORDINATOR_COMMANDS];

/** Commands that need a form (the rest are one click). */
export const FORM_COMMANDS: readonly CaseCommandKind[] = CASE_COMMANDS.filter((k) => k !== 'acknowledge' && k !== 'close');

/**
 * Whether a string names a command.
 *
 * @param kind - a string from card data
 * @returns true for a known command kind
 */
export function isCaseCommandKind(kind: unknown): kind is CaseCommandKind {
  return typeof kind === 'string' && (CASE_COMMANDS as readonly string[]).includes(kind);
}
