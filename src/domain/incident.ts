/**
 * The incident (ärende) and its append-only timeline. An incident is created once from a
 * submitted report; everything after that is a new event — nothing is edited in place.
 */
import { findIdentityNumbers } from './personnummer';
import { LIMITS, type ReportAnswers } from './report-schema';

/** Where a case stands. Case handling adds more states. */
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
}

/** Kinds of timeline event. */
export type IncidentEventType =
  | 'reported'
  | 'information-added'
  | 'notification-sent'
  | 'notification-failed'
  | 'notification-rerouted'
  | 'notification-dead'
  | 'details-viewed';

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
