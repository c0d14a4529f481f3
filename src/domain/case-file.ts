/**
 * The case file (ärendet): what managers and coordinators have recorded about an incident after
 * it was reported — acknowledgement, contact, support, the police-report decision, the authority
 * questions, measures, feedback, hand-overs, escalation and closing. It lives on the incident and
 * changes only together with an appended timeline event (records are append-only; the case file
 * is the current picture the events add up to).
 */

/** Support a manager can offer (stöd). */
export const SUPPORT_OFFERS = ['same-day-talk', 'debriefing', 'occupational-health', 'crisis-support', 'group-support'] as const;
/** The employee's answer to the support offered. */
export const SUPPORT_RESPONSES = ['accepted', 'declined', 'undecided'] as const;
/** The police-report decision (polisanmälan). */
export const POLICE_DECISIONS = ['employee-files', 'employer-files', 'already-filed', 'not-filed'] as const;
/** Who filed the police report. */
export const POLICE_FILERS = ['employee', 'employer'] as const;
/** The assessment of a possible allvarligt tillbud (AML 3 kap. 3 a §). */
export const SERIOUS_ASSESSMENTS = ['notified', 'not-serious'] as const;
/** Kinds of measure (åtgärd). */
export const MEASURE_KINDS = ['risk-assessment', 'security-planning', 'changed-routines', 'premises', 'training', 'other'] as const;
/** Where a measure stands. */
export const MEASURE_STATUSES = ['planned', 'in-progress', 'done'] as const;

export type SupportOffer = (typeof SUPPORT_OFFERS)[number];
export type SupportResponse = (typeof SUPPORT_RESPONSES)[number];
export type PoliceDecision = (typeof POLICE_DECISIONS)[number];
export type PoliceFiler = (typeof POLICE_FILERS)[number];
export type SeriousAssessment = (typeof SERIOUS_ASSESSMENTS)[number];
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** Who recorded something, and when (ISO instant). */
export interface Stamp {
  by: string;
  at: string;
}

/** The support offered to the employee. */
export interface SupportRecord extends Stamp {
  offers: SupportOffer[];
  response: SupportResponse;
  /** Local date `YYYY-MM-DD` of the follow-up, if planned. */
  followUpDate?: string;
}

/** The police-report decision. */
export interface PoliceRecord extends Stamp {
  decision: PoliceDecision;
  /** Why no report is filed (required for `not-filed`). */
  reason?: string;
  filedBy?: PoliceFiler;
  /** Local date the report was filed. */
  filedDate?: string;
  /** The police's reference (diarienummer). */
  reference?: string;
  /** A report with protected personal details (skyddade personuppgifter) was requested. */
  protectedRequested: boolean;
}

/** The authority questions: Arbetsmiljöverket (serious incident) and Försäkringskassan (injury). */
export interface AuthorityRecord extends Stamp {
  seriousAssessment?: SeriousAssessment;
  /** Local date Arbetsmiljöverket was notified, and its receipt id. */
  notifiedDate?: string;
  receiptId?: string;
  /** Why it was assessed as not serious. */
  reason?: string;
  /** Local date of the arbetsskadeanmälan to Försäkringskassan. */
  injuryReportDate?: string;
  safetyRepInformed?: boolean;
  copyToEmployee?: boolean;
}

/** A measure with an owner and a due date. */
export interface Measure extends Stamp {
  id: string;
  kind: MeasureKind;
  text: string;
  ownerId: string;
  /** Local date `YYYY-MM-DD`. */
  dueDate: string;
  status: MeasureStatus;
}

/** Feedback to the reporter (återkoppling), seen in "my reports". */
export interface FeedbackRecord extends Stamp {
  text: string;
}

/** How far an unacknowledged case has been escalated. */
export type EscalationLevel = 0 | 1 | 2;

/** Everything recorded about the handling of a case. */
export interface CaseFile {
  /** The people handling the case now (the manager, or whoever it was handed to). */
  assigneeIds: string[];
  /** When the acknowledgement is due (ISO instant). */
  acknowledgeDueAt: string;
  acknowledged?: Stamp;
  /** Contact with the employee; `date` is the local date of the contact. */
  contact?: Stamp & { date: string };
  support?: SupportRecord;
  police?: PoliceRecord;
  authority?: AuthorityRecord;
  measures: Measure[];
  feedback?: FeedbackRecord;
  /** 1: the deputy was brought in; 2: the second-line manager and the coordinators too. */
  escalation: EscalationLevel;
  /** The district's coordinators may act as the manager (escalated or reassigned to them). */
  coordinatorsMayAct: boolean;
  highThreat: boolean;
  /** Coordinators' security-planning notes, oldest first. */
  securityNotes: Array<Stamp & { text: string }>;
  closed?: Stamp;
  /** Reminders sent, by reminder series (for repeating reminders). */
  reminders: Record<string, { count: number; lastAt: string }>;
}

/**
 * A new case file for a just-reported incident.
 *
 * @param assigneeIds - the people the report was routed to in full
 * @param acknowledgeDueAt - when the acknowledgement is due
 * @returns an empty case file
 */
export function newCaseFile(assigneeIds: readonly string[], acknowledgeDueAt: Date): CaseFile {
  return {
    assigneeIds: [...new Set(assigneeIds)],
    acknowledgeDueAt: acknowledgeDueAt.toISOString(),
    measures: [],
    escalation: 0,
    coordinatorsMayAct: false,
    highThreat: false,
    securityNotes: [],
    reminders: {},
  };
}
