/**
 * The "handling" facts of the case card: who handles it, and what has been recorded —
 * acknowledgement, contact, support, police report, authorities, measures, feedback, notes.
 */
import type { Locale } from '../config';
import type { Incident } from '../domain/incident';
import type { Organisation } from '../domain/organisation';
import { isPossiblySerious } from '../domain/routing';
import { translate, type MessageKey } from '../i18n/translator';
import { localTime } from './local-time-format';
import { personName } from './person-name';

/** One fact line of a card. */
export interface Fact {
  title: string;
  value: string;
}

/**
 * The handling facts of a case.
 *
 * @param incident - the case
 * @param org - names
 * @param locale - the reader's locale
 * @param withNotes - show the coordinators' security notes (handlers and coordinators only)
 * @returns fact lines, only for what applies or was recorded
 */
export function caseFacts(incident: Incident, org: Organisation, locale: Locale, withNotes: boolean): Fact[] {
  const c = incident.case;
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key as MessageKey, params);
  const name = (id: string) => personName(org, id, locale);
  const by = (s: { by: string; at: string }) => t('case.by', { name: name(s.by), time: localTime(s.at) });
  const opt = (list: string, value: string) => t(`case.option.${list}.${value}`);
  const yes = (v: boolean | undefined) => t(v ? 'case.yes' : 'case.no');
  const facts: Fact[] = [];
  const add = (key: string, value: string) => facts.push({ title: t(`case.fact.${key}`), value });

  add('assignees', c.assigneeIds.map(name).join(', ') || '–');
  if (c.coordinatorsMayAct) add('escalated', t('case.escalatedToCoordinators'));
  add('acknowledged', c.acknowledged ? by(c.acknowledged) : t('case.dueBy', { time: localTime(c.acknowledgeDueAt) }));
  if (c.contact) add('contact', `${c.contact.date} · ${by(c.contact)}`);
  if (c.support) {
    const offers = c.support.offers.map((o) => opt('offers', o)).join(', ');
    const follow = c.support.followUpDate ? ` · ${t('case.followUp', { date: c.support.followUpDate })}` : '';
    add('support', `${offers} · ${opt('response', c.support.response)}${follow}`);
  }
  if (c.police) {
    const p = c.police;
    const parts = [opt('decision', p.decision), p.reason, p.filedBy && opt('filedBy', p.filedBy), p.filedDate, p.reference && t('case.reference', { reference: p.reference })];
    if (p.protectedRequested) parts.push(t('case.protectedRequested'));
    add('police', parts.filter(Boolean).join(' · '));
  }
  const a = c.authority;
  if (isPossiblySerious(incident.report) || a?.seriousAssessment) {
    const value = !a?.seriousAssessment
      ? t('case.notAnswered')
      : a.seriousAssessment === 'notified'
        ? [opt('seriousAssessment', 'notified'), a.notifiedDate, a.receiptId].filter(Boolean).join(' · ')
        : [opt('seriousAssessment', 'not-serious'), a.reason].filter(Boolean).join(' · ');
    add('serious', value);
  }
  if (incident.report.injuries.some((i) => i !== 'none') || a?.injuryReportDate) {
    const value = a?.injuryReportDate ?? t('case.notAnswered');
    add('injury', `${value} · ${t('case.fact.safetyRep')}: ${yes(a?.safetyRepInformed)} · ${t('case.fact.copy')}: ${yes(a?.copyToEmployee)}`);
  }
  for (const m of c.measures) {
    add('measure', `${opt('measureKind', m.kind)}: ${m.text} · ${name(m.ownerId)} · ${m.dueDate} · ${opt('status', m.status)}`);
  }
  add('feedback', c.feedback ? `${c.feedback.text} (${by(c.feedback)})` : t('case.noFeedbackYet'));
  if (withNotes) for (const note of c.securityNotes.slice(-3)) add('securityNote', `${note.text} (${by(note)})`);
  if (c.closed) add('closed', by(c.closed));
  return facts;
}
