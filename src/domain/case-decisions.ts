/**
 * Deciding a command on a case: pure. Given the case, the command, who acts and when, the decision
 * is either a refusal or the case's next state, the timeline event and the notifications it causes.
 * Authorisation is asked of `access.ts`; this file only applies the rules of case handling.
 */
import { handoverTargets, mayOnCase } from './access';
import type { CaseCommand } from './case-commands';
import type { CaseFile, Measure } from './case-file';
import type { Incident, IncidentEvent, IncidentStatus } from './incident';
import { caseNotification, type Notification, type NotificationKind } from './notification';
import type { Organisation } from './organisation';
import { isPossiblySerious, type Recipient } from './routing';

/** Why a command was refused. */
export type CaseRefusal = 'forbidden' | 'closed' | 'not-closed' | 'cannot-close' | 'invalid-target' | 'unknown-measure';

/** What must be recorded before a case may be closed. */
export type CloseRequirement = 'police' | 'serious-assessment' | 'injury-report' | 'feedback';

/** A timeline event as decided (the store assigns sequence and incident). */
export type DecidedEvent = Omit<IncidentEvent, 'seq' | 'incidentId'>;

/** The outcome of a command; a refusal about one input names it (`field`). */
export type CaseDecision =
  | { ok: true; next: Incident; event: DecidedEvent; notifications: Notification[] }
  | { ok: false; refusal: CaseRefusal; missing?: CloseRequirement[]; field?: string };

/** Forms of incident after which a police-report decision must be recorded (zero tolerance). */
const POLICE_FORMS = ['threat-self', 'threat-close', 'violence'];

/**
 * What is still missing before a case may be closed: a police decision for threats and violence,
 * the authority questions (a possible allvarligt tillbud assessed; an injury reported to
 * Försäkringskassan), and feedback to the reporter.
 *
 * @param incident - the case
 * @returns the missing items, empty when the case may be closed
 */
export function closeRequirements(incident: Incident): CloseRequirement[] {
  const c = incident.case;
  const missing: CloseRequirement[] = [];
  if (incident.report.forms.some((f) => POLICE_FORMS.includes(f)) && !c.police) missing.push('police');
  if (isPossiblySerious(incident.report) && !c.authority?.seriousAssessment) missing.push('serious-assessment');
  if (incident.report.injuries.some((i) => i !== 'none') && !c.authority?.injuryReportDate) missing.push('injury-report');
  if (!c.feedback) missing.push('feedback');
  return missing;
}

/**
 * The people a measure may be given to: anyone in the case's district with a role or a unit
 * there, and the district's coordinators.
 *
 * @param org - the organisation
 * @param incident - the case
 * @returns aadObjectIds without duplicates
 */
export function measureOwners(org: Organisation, incident: Incident): string[] {
  const units = org.units.filter((u) => u.districtId === incident.districtId);
  const district = org.districts.find((d) => d.id === incident.districtId);
  const ids = units.flatMap((u) => [u.managerId, u.deputyId, u.secondLineManagerId, u.safetyRepresentativeId, ...u.staffIds]);
  return [...new Set([...ids, ...(district?.coordinatorIds ?? [])])].filter((id): id is string => id !== undefined);
}

/** The status a case file adds up to. */
function statusOf(c: CaseFile): IncidentStatus {
  if (c.closed) return 'closed';
  const worked = c.contact || c.support || c.police || c.authority || c.measures.length > 0 || c.feedback;
  if (worked) return 'in-progress';
  return c.acknowledged ? 'acknowledged' : 'reported';
}

/**
 * Decides a command on a case.
 *
 * @param incident - the case as read (its version is the one the write will expect)
 * @param command - the validated command
 * @param actorId - who acts (aadObjectId from the activity)
 * @param org - the organisation
 * @param now - the time of the action
 * @returns a refusal, or the next state, the event and the notifications
 */
export function decideCase(incident: Incident, command: CaseCommand, actorId: string, org: Organisation, now: Date): CaseDecision {
  if (!mayOnCase(org, actorId, command.kind, incident)) return { ok: false, refusal: 'forbidden' };
  const closed = incident.case.closed !== undefined;
  if (closed && command.kind !== 'reopen') return { ok: false, refusal: 'closed' };
  if (!closed && command.kind === 'reopen') return { ok: false, refusal: 'not-closed' };

  const at = now.toISOString();
  const stamp = { by: actorId, at };
  const c: CaseFile = { ...incident.case, measures: [...incident.case.measures] };
  const notifications: Notification[] = [];
  const version = incident.version + 1;
  const notify = (suffix: string, kind: NotificationKind, personId: string) => {
    const role = kind === 'feedback' || kind === 'closed' ? 'reporter' : 'assignee';
    const recipient: Recipient = { role, target: { kind: 'person', personId }, detail: 'full' };
    notifications.push(caseNotification(incident, `${incident.id}:v${version}:${suffix}`, kind, recipient, now));
  };
  let feedback = incident.feedback;

  switch (command.kind) {
    case 'acknowledge':
      break;
    case 'contact':
      c.contact = { ...stamp, date: command.date };
      break;
    case 'support':
      c.support = { ...stamp, offers: command.offers, response: command.response, followUpDate: command.followUpDate };
      break;
    case 'police':
      c.police = { ...stamp, ...withoutKind(command) };
      break;
    case 'authority':
      c.authority = { ...c.authority, ...stamp, ...definedOnly(withoutKind(command)) };
      break;
    case 'measure-add': {
      if (!measureOwners(org, incident).includes(command.ownerId)) return { ok: false, refusal: 'invalid-target', field: 'ownerId' };
      const measure: Measure = { ...stamp, id: `m${c.measures.length + 1}`, kind: command.measureKind, text: command.text, ownerId: command.ownerId, dueDate: command.dueDate, status: 'planned' };
      c.measures.push(measure);
      break;
    }
    case 'measure-status': {
      const i = c.measures.findIndex((m) => m.id === command.measureId);
      if (i < 0) return { ok: false, refusal: 'unknown-measure', field: 'measureId' };
      c.measures[i] = { ...c.measures[i], status: command.status };
      break;
    }
    case 'feedback':
      c.feedback = { ...stamp, text: command.text };
      feedback = command.text;
      notify('feedback', 'feedback', incident.reporterId);
      break;
    case 'forward':
    case 'reassign': {
      const toCoordinators = command.kind === 'reassign' && command.toId === 'coordinators';
      if (!toCoordinators && !handoverTargets(org, incident).includes(command.toId)) return { ok: false, refusal: 'invalid-target', field: 'toId' };
      if (toCoordinators) c.coordinatorsMayAct = true;
      else {
        const rest = command.kind === 'forward' ? c.assigneeIds.filter((id) => id !== actorId) : [];
        c.assigneeIds = [...rest, command.toId];
        notify(`to-${command.toId}`, 'handover', command.toId);
      }
      break;
    }
    case 'close': {
      const missing = closeRequirements(incident);
      if (missing.length > 0) return { ok: false, refusal: 'cannot-close', missing };
      c.closed = stamp;
      notify('closed', 'closed', incident.reporterId);
      break;
    }
    case 'reopen':
      c.closed = undefined;
      break;
    case 'security-note':
      c.securityNotes = [...c.securityNotes, { ...stamp, text: command.text }];
      break;
    case 'high-threat':
      c.highThreat = command.on;
      break;
  }
  // Any manager action by the person handling the case counts as acknowledging it — except
  // handing it over: the new handler acknowledges (and is reminded until they do).
  const handling = !['security-note', 'high-threat', 'reassign', 'forward'].includes(command.kind);
  if (!c.acknowledged && handling) {
    c.acknowledged = stamp;
  }
  const next: Incident = { ...incident, version, case: c, status: statusOf(c), feedback };
  return { ok: true, next, event: { type: `case-${command.kind}`, at, actorId, command, version }, notifications };
}

function withoutKind<T extends { kind: string }>(command: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = command;
  return rest;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
