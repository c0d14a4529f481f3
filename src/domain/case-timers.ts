/**
 * Reminders and escalations of a case, as durable timers: pure. `planTimers` derives from the
 * case's state which timers should exist (the store keeps them and cancels the rest); `fireTimer`
 * decides what a due timer does — or nothing, when the case moved on. Timer ids name their cause,
 * so a timer fires once even when several processes run the scheduler.
 */
import { acknowledgementDue, nextWorkingMorning, reminderInstantOn, type DeadlinePolicy } from './deadlines';
import type { DecidedEvent } from './case-decisions';
import type { CaseFile } from './case-file';
import { SYSTEM_ACTOR_ID, type Incident } from './incident';
import { caseNotification, type Notification } from './notification';
import type { Organisation } from './organisation';
import { isPossiblySerious, responsibleUnit, type Recipient } from './routing';

/** Configurable delays of reminders and escalations. */
export interface CasePolicy {
  deadlines: DeadlinePolicy;
  /** Minutes after a missed acknowledgement before the deputy is brought in. */
  escalateDeputyMinutes: number;
  /** Minutes after a missed acknowledgement before the second-line manager and coordinators are. */
  escalateSecondLineMinutes: number;
  /** Minutes after the report of the first reminder about a possible allvarligt tillbud. */
  seriousReminderMinutes: number;
  /** Days without feedback to the reporter before the handlers are reminded. */
  feedbackReminderDays: number;
}

/** Kinds of timer. */
export type TimerKind = 'acknowledge' | 'escalate-deputy' | 'escalate-second-line' | 'serious' | 'support-followup' | 'measure' | 'feedback';

/** A durable timer of a case. */
export interface CaseTimer {
  /** Unique per cause: `<incidentId>:t:<kind>:<detail>`. */
  id: string;
  incidentId: string;
  districtId: string;
  kind: TimerKind;
  /** ISO instant it is due. */
  dueAt: string;
  /** For measure timers: which measure. */
  measureId?: string;
}

/** What a due timer does: the case's next state, the event, and who is told. */
export interface TimerEffect {
  next: Incident;
  event: DecidedEvent;
  notifications: Notification[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * When a new report's acknowledgement is due.
 *
 * @param incident - the reported incident (report and time)
 * @param reportedAt - when it was reported
 * @param policy - the case policy
 * @returns the due instant
 */
export function acknowledgementDueFor(incident: Pick<Incident, 'report'>, reportedAt: Date, policy: CasePolicy): Date {
  return acknowledgementDue(reportedAt, isPossiblySerious(incident.report), policy.deadlines);
}

/**
 * The timers a case should have now. A closed case has none.
 *
 * @param incident - the case
 * @param policy - the case policy
 * @returns the timers, each with an id naming its cause
 */
export function planTimers(incident: Incident, policy: CasePolicy): CaseTimer[] {
  const c = incident.case;
  if (c.closed) return [];
  const out: CaseTimer[] = [];
  const timer = (kind: TimerKind, detail: string, due: Date, measureId?: string) =>
    out.push({ id: `${incident.id}:t:${kind}:${detail}`, incidentId: incident.id, districtId: incident.districtId, kind, dueAt: due.toISOString(), measureId });
  const ackDue = Date.parse(c.acknowledgeDueAt);
  if (!c.acknowledged) {
    timer('acknowledge', '1', new Date(ackDue));
    if (c.escalation < 1) timer('escalate-deputy', '1', new Date(ackDue + policy.escalateDeputyMinutes * MINUTE));
    if (c.escalation < 2) timer('escalate-second-line', '1', new Date(ackDue + policy.escalateSecondLineMinutes * MINUTE));
  }
  if (isPossiblySerious(incident.report) && !c.authority?.seriousAssessment) {
    const sent = c.reminders.serious;
    const due = sent
      ? nextWorkingMorning(new Date(sent.lastAt), policy.deadlines)
      : new Date(Date.parse(incident.reportedAt) + policy.seriousReminderMinutes * MINUTE);
    timer('serious', String((sent?.count ?? 0) + 1), due);
  }
  if (c.support?.followUpDate) timer('support-followup', c.support.followUpDate, reminderInstantOn(c.support.followUpDate, policy.deadlines));
  for (const m of c.measures) {
    if (m.status !== 'done') timer('measure', `${m.id}:${m.dueDate}`, reminderInstantOn(m.dueDate, policy.deadlines), m.id);
  }
  const last = latest([incident.reportedAt, c.feedback?.at, c.reminders.feedback?.lastAt]);
  timer('feedback', last, new Date(Date.parse(last) + policy.feedbackReminderDays * DAY));
  return out;
}

/**
 * What a due timer does to the case: remind the people handling it, or escalate. Returns
 * undefined when the case moved on (acknowledged, answered, closed) and the timer has nothing to do.
 *
 * @param incident - the case as read now
 * @param timer - the due timer
 * @param org - the organisation
 * @param now - the time it fires
 * @returns the effect, or undefined
 */
export function fireTimer(incident: Incident, timer: CaseTimer, org: Organisation, now: Date): TimerEffect | undefined {
  const c = incident.case;
  if (c.closed) return undefined;
  switch (timer.kind) {
    case 'acknowledge':
      return c.acknowledged ? undefined : remind(incident, timer, 'acknowledge', now);
    case 'serious':
      if (c.authority?.seriousAssessment) return undefined;
      return timer.id.endsWith(`:${(c.reminders.serious?.count ?? 0) + 1}`) ? remind(incident, timer, 'serious', now) : undefined;
    case 'support-followup':
      return c.support?.followUpDate && timer.id.endsWith(`:${c.support.followUpDate}`) ? remind(incident, timer, 'support-followup', now) : undefined;
    case 'measure': {
      const m = c.measures.find((x) => x.id === timer.measureId);
      return m && m.status !== 'done' && timer.id.endsWith(`:${m.id}:${m.dueDate}`) ? remind(incident, timer, 'measure', now) : undefined;
    }
    case 'feedback': {
      const last = latest([incident.reportedAt, c.feedback?.at, c.reminders.feedback?.lastAt]);
      return timer.id.endsWith(`:${last}`) ? remind(incident, timer, 'feedback', now) : undefined;
    }
    case 'escalate-deputy':
      return c.acknowledged || c.escalation >= 1 ? undefined : escalate(incident, timer, org, now, 1);
    case 'escalate-second-line':
      return c.acknowledged || c.escalation >= 2 ? undefined : escalate(incident, timer, org, now, 2);
  }
}

function latest(instants: Array<string | undefined>): string {
  return instants.filter((x): x is string => x !== undefined).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

function person(personId: string, role: Recipient['role'] = 'assignee'): Recipient {
  return { role, target: { kind: 'person', personId }, detail: 'full' };
}

function remind(incident: Incident, timer: CaseTimer, series: string, now: Date): TimerEffect {
  const c = incident.case;
  const count = (c.reminders[series]?.count ?? 0) + 1;
  const reminders = { ...c.reminders, [series]: { count, lastAt: now.toISOString() } };
  const toIds = c.assigneeIds;
  const notifications = toIds.map((id) => caseNotification(incident, `${timer.id}:${id}`, 'reminder', person(id), now, series));
  const next: Incident = { ...incident, version: incident.version + 1, case: { ...c, reminders } };
  return { next, event: { type: 'reminder-sent', at: now.toISOString(), actorId: SYSTEM_ACTOR_ID, reminder: series, toIds, version: next.version }, notifications };
}

function escalate(incident: Incident, timer: CaseTimer, org: Organisation, now: Date, level: 1 | 2): TimerEffect {
  const c = incident.case;
  const unit = responsibleUnit(incident, org);
  const absent = new Set(org.absentIds ?? []);
  // Bypass (as in routing): a case about the manager, or by the manager, goes past the manager and the deputy.
  const aboutManager = incident.report.perpetratorRole === 'manager' || unit?.managerId === incident.reporterId;
  const bypassed = aboutManager ? unit?.managerId : undefined;
  const candidate = level === 1 ? (aboutManager ? undefined : unit?.deputyId) : unit?.secondLineManagerId;
  const usable = candidate && !absent.has(candidate) && candidate !== incident.reporterId && candidate !== bypassed;
  const added = usable && !c.assigneeIds.includes(candidate) ? [candidate] : [];
  const notifications = added.map((id) => caseNotification(incident, `${timer.id}:${id}`, 'escalation', person(id), now, timer.kind));
  const next: CaseFile = { ...c, escalation: level, assigneeIds: [...c.assigneeIds, ...added] };
  if (level === 2) {
    next.coordinatorsMayAct = true;
    const channel: Recipient = { role: 'security-coordinator', target: { kind: 'district-channel', districtId: incident.districtId }, detail: 'redacted' };
    notifications.push(caseNotification(incident, `${timer.id}:channel`, 'escalation', channel, now, timer.kind));
  }
  const version = incident.version + 1;
  return {
    next: { ...incident, version, case: next },
    event: { type: 'escalated', at: now.toISOString(), actorId: SYSTEM_ACTOR_ID, reminder: timer.kind, toIds: added, version },
    notifications,
  };
}
