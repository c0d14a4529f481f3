/**
 * Realistic case histories for the lägesbild benchmark: a city of 10 districts × 8 units, reports
 * spread evenly over five years up to `now`, each with the case handling that followed it
 * (acknowledgement, support, police decision, authority notification, measures, feedback, closing)
 * as steps in time. Deterministic for a seed.
 */
import { newCaseFile, type CaseFile, type PoliceDecision } from '../../src/domain/case-file';
import type { Incident, IncidentStatus, NewIncident } from '../../src/domain/incident';
import type { Organisation } from '../../src/domain/organisation';
import type { Form, PerpetratorRole, Place, ReportAnswers, WorkArea } from '../../src/domain/report-schema';
import { isPossiblySerious } from '../../src/domain/routing';
import { isPoliceRelevant } from '../../src/domain/case-summary';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/** The benchmark's city: districts `d01`…`d10`, units `d01-u1`…, one coordinator per district. */
export function benchOrganisation(): Organisation {
  const districts = Array.from({ length: 10 }, (_, i) => {
    const id = `d${String(i + 1).padStart(2, '0')}`;
    return { id, name: `Förvaltning ${i + 1}`, coordinatorIds: [`coord-${id}`] };
  });
  const units = districts.flatMap((d) =>
    Array.from({ length: 8 }, (_, j) => ({ id: `${d.id}-u${j + 1}`, name: `Enhet ${j + 1} (${d.name})`, districtId: d.id, managerId: `mgr-${d.id}-${j + 1}`, staffIds: [] })),
  );
  return { districts, units, citySecurityIds: ['city-security'], people: {} };
}

/** One step of a case's handling: when, and what it changes in the case file. */
export interface CaseStep {
  at: Date;
  apply: (c: CaseFile) => Partial<CaseFile>;
}

/** A report as submitted and the handling that followed it, up to `now`. */
export interface CaseHistory {
  input: NewIncident;
  steps: CaseStep[];
}

/** A small deterministic random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

const FORM_WEIGHTS: Weighted<Form> = [['threat-self', 33], ['harassment', 27], ['violence', 12], ['threat-close', 8], ['damage', 8], ['bribe', 3], ['other', 9]];
const ROLE_WEIGHTS: Weighted<PerpetratorRole> = [['client', 60], ['relative', 15], ['unknown', 8], ['external', 7], ['colleague', 4], ['contractor', 2], ['manager', 2], ['elected-official', 2]];
const PLACE_WEIGHTS: Weighted<Place> = [['reception', 25], ['phone', 20], ['office', 15], ['home-visit', 10], ['email-sms', 10], ['social-media', 5], ['letter', 5], ['public-place', 5], ['off-duty', 5]];
const AREA_WEIGHTS: Weighted<WorkArea> = [['financial-aid', 30], ['children-youth', 30], ['adults-addiction', 15], ['disability-lss', 10], ['elderly-care', 10], ['other', 5]];
const DECISION_WEIGHTS: Weighted<PoliceDecision> = [['employee-files', 40], ['employer-files', 25], ['already-filed', 15], ['not-filed', 20]];

/** Generates case histories, oldest report first. */
export class CaseHistoryGenerator {
  private readonly rnd: () => number;
  private readonly units: Organisation['units'];
  private readonly unitWeights: Weighted<number>;

  /**
   * @param seed - for the random generator
   * @param count - how many reports in all (they are spread evenly over the five years)
   * @param now - the end of the history
   */
  constructor(
    seed: number,
    private readonly count: number,
    private readonly now: Date,
    org: Organisation = benchOrganisation(),
  ) {
    this.rnd = seededRandom(seed);
    this.units = org.units;
    // Districts and units differ in size: weights 1…3.
    this.unitWeights = org.units.map((_, i) => [i, 1 + ((i * 7) % 3)] as const);
  }

  /**
   * The i-th report and its handling.
   *
   * @param i - 0 … count−1, in order
   * @param id - the incident id (and draft id) to use
   */
  history(i: number, id: string): CaseHistory {
    const span = 5 * 365 * DAY;
    const reportedAt = new Date(this.now.getTime() - span + Math.floor(((i + this.rnd()) / this.count) * span));
    const unit = this.units[this.pick(this.unitWeights)];
    const report = this.report(unit.id);
    const serious = isPossiblySerious(report);
    const input: NewIncident = {
      id,
      draftId: id,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      districtId: unit.districtId,
      reporterId: `staff-${Math.floor(this.rnd() * 5000)}`,
      reporterName: 'Medarbetare',
      reportedAt,
      caseYear: Number(swedishDate(reportedAt).slice(0, 4)),
      report,
      caseFile: newCaseFile([unit.managerId], acknowledgementDueApprox(reportedAt, serious)),
    };
    return { input, steps: this.steps(input, unit.managerId, serious).filter((s) => s.at.getTime() <= this.now.getTime()) };
  }

  private report(unitId: string): ReportAnswers {
    const forms = [this.pick(FORM_WEIGHTS)];
    if (this.rnd() < 0.2) forms.push(this.pick(FORM_WEIGHTS));
    const uniqueForms = [...new Set(forms)];
    const violence = uniqueForms.includes('violence');
    return {
      forms: uniqueForms,
      purpose: this.rnd() < 0.5 ? 'yes' : 'unknown',
      occurredAt: '2026-01-01T10:00',
      place: this.pick(PLACE_WEIGHTS),
      workArea: this.pick(AREA_WEIGHTS),
      unitId,
      perpetratorRole: this.pick(ROLE_WEIGHTS),
      recurrence: this.rnd() < 0.3 ? 'repeated' : 'first-time',
      target: this.rnd() < 0.9 ? 'me' : 'workplace',
      injuries: violence && this.rnd() < 0.4 ? ['physical'] : this.rnd() < 0.1 ? ['psychological'] : ['none'],
      weapon: this.rnd() < 0.03 ? 'yes' : 'no',
      perceivedSerious: this.rnd() < 0.08 ? 'yes' : 'no',
      policeIntent: 'unsure',
      support: ['manager-today'],
      description: 'En klient blev arg över ett beslut och uttalade hot mot mig i samband med ett möte i receptionen.',
    };
  }

  private steps(input: NewIncident, managerId: string, serious: boolean): CaseStep[] {
    const t0 = input.reportedAt.getTime();
    const at = (ms: number) => new Date(t0 + Math.max(MINUTE, Math.round(ms)));
    const stamp = (when: Date) => ({ by: managerId, at: when.toISOString() });
    const dayOf = swedishDate;
    const steps: CaseStep[] = [];
    const ackAt = at(this.lognormal(90 * MINUTE, 1.2));
    if (this.rnd() < 0.97) steps.push({ at: ackAt, apply: () => ({ acknowledged: stamp(ackAt) }) });
    if (this.rnd() < 0.6) {
      const when = at(this.lognormal(DAY, 1));
      steps.push({ at: when, apply: () => ({ support: { ...stamp(when), offers: ['debriefing'], response: 'accepted' } }) });
    }
    // Closing needs a police decision (threats, violence) and a serious assessment: recorded before.
    const closeAt = at(this.lognormal(20 * DAY, 0.6));
    const neverClosed = this.rnd() < 0.002;
    const age = this.now.getTime() - t0;
    const willClose = !neverClosed && closeAt.getTime() <= this.now.getTime() && (age > 90 * DAY || this.rnd() < 0.5);
    if (isPoliceRelevant(input.report) && (willClose || this.rnd() < 0.8)) {
      const when = at(this.lognormal(2 * DAY, 0.8));
      const decision = this.pick(DECISION_WEIGHTS);
      const filed = decision === 'already-filed' || (decision !== 'not-filed' && this.rnd() < 0.6);
      steps.push({
        at: when,
        apply: () => ({ police: { ...stamp(when), decision, filedDate: filed ? dayOf(when) : undefined, reason: decision === 'not-filed' ? 'Bedömning' : undefined, protectedRequested: false } }),
      });
    }
    if (serious && (willClose || this.rnd() < 0.9)) {
      const when = at(this.lognormal(3 * 60 * MINUTE, 1));
      const notified = this.rnd() < 0.7;
      const notifiedDate = dayOf(this.rnd() < 0.8 ? input.reportedAt : new Date(t0 + DAY));
      steps.push({
        at: when,
        apply: (c) => ({ authority: { ...c.authority, ...stamp(when), ...(notified ? { seriousAssessment: 'notified' as const, notifiedDate, receiptId: 'AV-1' } : { seriousAssessment: 'not-serious' as const, reason: 'Bedömning' }) } }),
      });
    }
    if (this.rnd() < 0.25) {
      const when = at(3 * DAY);
      const dueDate = dayOf(new Date(t0 + 30 * DAY));
      steps.push({ at: when, apply: (c) => ({ measures: [...c.measures, { ...stamp(when), id: `m${c.measures.length + 1}`, kind: 'risk-assessment', text: 'Riskbedömning', ownerId: managerId, dueDate, status: 'planned' }] }) });
      const done = at(25 * DAY);
      if (this.rnd() < 0.95) steps.push({ at: done, apply: (c) => ({ measures: c.measures.map((m) => ({ ...m, status: 'done' as const })) }) });
    }
    if (willClose) {
      if (input.report.injuries.some((x) => x !== 'none')) {
        const when = at(closeAt.getTime() - t0 - DAY);
        steps.push({ at: when, apply: (c) => ({ authority: { ...c.authority, ...stamp(when), injuryReportDate: dayOf(when) } }) });
      }
      const feedbackAt = at(closeAt.getTime() - t0 - MINUTE);
      steps.push({ at: feedbackAt, apply: () => ({ feedback: { ...stamp(feedbackAt), text: 'Återkoppling' } }) });
      steps.push({ at: closeAt, apply: () => ({ closed: stamp(closeAt) }) });
    }
    return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  private pick<T>(weighted: Weighted<T>): T {
    const total = weighted.reduce((a, [, w]) => a + w, 0);
    let x = this.rnd() * total;
    for (const [value, w] of weighted) if ((x -= w) < 0) return value;
    return weighted[weighted.length - 1][0];
  }

  private lognormal(medianMs: number, sigma: number): number {
    const u = Math.max(1e-12, this.rnd());
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.rnd());
    return medianMs * Math.exp(sigma * z);
  }
}

/**
 * The Swedish date of an instant, fast: Sweden is UTC+1, and UTC+2 from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October (the EU rule, in force since 1996).
 * The generator makes millions of dates; `Intl` would dominate the fill. The domain's own
 * `stockholmDate` is used for everything the store writes.
 *
 * @param instant - a point in time
 * @returns `YYYY-MM-DD`
 */
export function swedishDate(instant: Date): string {
  return new Date(instant.getTime() + swedishOffsetHours(instant) * 3_600_000).toISOString().slice(0, 10);
}

function swedishOffsetHours(instant: Date): number {
  const t = instant.getTime();
  const year = instant.getUTCFullYear();
  return t >= lastSundayOneUtc(year, 2) && t < lastSundayOneUtc(year, 9) ? 2 : 1;
}

function lastSundayOneUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * DAY;
}

/**
 * When the acknowledgement of a generated report is due, simplified for speed: a possibly serious
 * report 60 minutes after it; otherwise 17:00 Swedish time the same weekday if reported before
 * 15:00, else 17:00 the next weekday (public holidays are not considered).
 */
function acknowledgementDueApprox(reportedAt: Date, serious: boolean): Date {
  if (serious) return new Date(reportedAt.getTime() + 60 * MINUTE);
  const offset = swedishOffsetHours(reportedAt);
  const local = new Date(reportedAt.getTime() + offset * 3_600_000);
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const weekday = (d: Date) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
  let due = day;
  if (!(weekday(day) && local.getUTCHours() < 15)) {
    do due = new Date(due.getTime() + DAY);
    while (!weekday(due));
  }
  return new Date(due.getTime() + 17 * 3_600_000 - offset * 3_600_000);
}

/** The status a case file adds up to (as `decideCase` derives it). */
export function statusOf(c: CaseFile): IncidentStatus {
  if (c.closed) return 'closed';
  if (c.contact || c.support || c.police || c.authority || c.measures.length > 0 || c.feedback) return 'in-progress';
  return c.acknowledged ? 'acknowledged' : 'reported';
}

/**
 * One step applied to a case: the case file patched, status derived, one version on.
 *
 * @param incident - the case before the step
 * @param step - the step
 * @returns the case after it
 */
export function applyStep(incident: Incident, step: CaseStep): Incident {
  const c = { ...incident.case, ...step.apply(incident.case) };
  const feedback = c.feedback?.text ?? incident.feedback;
  return { ...incident, version: incident.version + 1, status: statusOf(c), case: c, ...(feedback ? { feedback } : {}) };
}
