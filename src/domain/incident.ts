/**
 * The incident (ärende) and its append-only timeline. An incident is created once from a
 * submitted report; everything after that is a new event — nothing is edited in place.
 */
import type { CaseFile } from './case-file';
import type { CaseCommand } from './case-commands';
import { findIdentityNumbers } from './personnummer';
import { LIMITS, type ReportAnswers } from './report-schema';

/** The actor id of what Trygg itself does (deliveries, reminders, escalations, fallback assignment). */
export const SYSTEM_ACTOR_ID = 'trygg';

/** Where a case stands: derived from the case file whenever it changes. */
export type IncidentStatus = 'reported' | 'acknowledged' | 'in-progress' | 'closed';

/** A reported incident. `version` increases with every event (optimistic concurrency). */
export interface Incident {
  id: string;
  caseNumber: string;
  tenantId: string;
  districtId: string;
  /** The unit where it happened (routing follows it). */
  unitId: string;
  reporterId: string;
  reporterName: string;
  /** ISO instant the report was submitted. */
  reportedAt: string;
  status: IncidentStatus;
  version: number;
  report: ReportAnswers;
  /** Feedback from the manager that the reporter sees (latest). */
  feedback?: string;
  /** What has been recorded about the handling of the case. */
  case: CaseFile;
}

/** Kinds of timeline event. */
export type IncidentEventType =
  | 'reported'
  | 'information-added'
  | 'notification-sent'
  | 'notification-failed'
  | 'notification-rerouted'
  | 'notification-dead'
  | 'details-viewed'
  | CaseEventType;

/** Timeline events of case handling: one per command, plus the scheduler's reminders and escalations. */
export type CaseEventType =
  | 'case-acknowledge'
  | 'case-contact'
  | 'case-support'
  | 'case-police'
  | 'case-authority'
  | 'case-measure-add'
  | 'case-measure-status'
  | 'case-feedback'
  | 'case-forward'
  | 'case-close'
  | 'case-reopen'
  | 'case-security-note'
  | 'case-high-threat'
  | 'case-reassign'
  | 'reminder-sent'
  | 'escalated'
  | 'assigned';

/** One entry of an incident's timeline. */
export interface IncidentEvent {
  incidentId: string;
  /** 1 for the report itself, then one more per event. */
  seq: number;
  type: IncidentEventType;
  /** ISO instant. */
  at: string;
  actorId: string;
  /** For `information-added`: the added text. */
  text?: string;
  /** For `reported`: the report as submitted, kept in the append-only record. */
  report?: ReportAnswers;
  /** For notification events: the recipient's role and why it failed (no personal data). */
  role?: string;
  reason?: string;
  /** For case events: the command as recorded. */
  command?: CaseCommand;
  /** For events that changed the case: the incident's version after it. */
  version?: number;
  /** For reminders and escalations: the reminder series and who was told. */
  reminder?: string;
  toIds?: string[];
}

/** What the reporter's submit brings to create an incident. */
export interface NewIncident {
  /** Derived from the draft: the idempotency key of the submit. */
  id: string;
  draftId: string;
  tenantId: string;
  districtId: string;
  reporterId: string;
  reporterName: string;
  reportedAt: Date;
  /** The year whose case-number sequence the incident joins (Swedish local year of the report). */
  caseYear: number;
  report: ReportAnswers;
  /** The new case file (who handles it, when the acknowledgement is due). */
  caseFile: CaseFile;
}

/**
 * The incident id for a draft: submitting the same draft twice names the same incident.
 *
 * @param draftId - the draft's id
 * @returns the incident id
 */
export function incidentIdForDraft(draftId: string): string {
  return `inc-${draftId}`;
}

/**
 * Checks information a reporter adds to a submitted report.
 *
 * @param text - the added text
 * @returns an error code, or undefined when the text may be added
 */
export function checkAddedInformation(
  text: unknown,
): 'required' | 'tooLong' | 'wrongType' | 'identityNumber' | undefined {
  if (typeof text !== 'string') return text === undefined || text === null ? 'required' : 'wrongType';
  const t = text.trim();
  if (t === '') return 'required';
  if (t.length > LIMITS.addedInfoMax) return 'tooLong';
  if (findIdentityNumbers(t).length > 0) return 'identityNumber';
  return undefined;
}
