/**
 * Turns reporting outcomes into Adaptive Cards: localized labels, choices, errors and summaries.
 * Free text typed by people goes only into input values and TextRuns, which render no markdown.
 */
import type { Locale } from '../config';
import type { Directory } from '../directory/directory';
import type { Incident } from '../domain/incident';
import type { Organisation } from '../domain/organisation';
import type { ReportDraft } from '../domain/report-draft';
import {
  FORMS,
  INJURIES,
  LIMITS,
  PERPETRATOR_ROLES,
  PLACES,
  POLICE_INTENTS,
  PURPOSES,
  RECURRENCES,
  REPORT_STEPS,
  SUPPORTS,
  TARGETS,
  WORK_AREAS,
  YES_NO,
} from '../domain/report-schema';
import { RAW_FIELDS, type FieldError, type RawReport } from '../domain/report-validation';
import type { Recipient } from '../domain/routing';
import { translate, type MessageKey } from '../i18n/translator';
import type { CardConstants, CardJson, CardRenderer } from './card-renderer';
import { localTime } from './local-time-format';
import { shortLabel } from './short-label';

type Choice = { title: string; value: string };

const OPTION_LISTS: Record<string, readonly string[]> = {
  forms: FORMS,
  purpose: PURPOSES,
  place: PLACES,
  workArea: WORK_AREAS,
  perpetratorRole: PERPETRATOR_ROLES,
  recurrence: RECURRENCES,
  target: TARGETS,
  injuries: INJURIES,
  yesNo: YES_NO,
  policeIntent: POLICE_INTENTS,
  support: SUPPORTS,
};

/** Renders the reporting cards for one organisation. */
export class ReportViews {
  /**
   * The choice lists per organisation snapshot and locale, built once: the same object each time,
   * so cards expand them once; a refreshed organisation (new or renamed units) gets new ones.
   */
  private readonly constants = new WeakMap<Organisation, Map<Locale, CardConstants>>();

  /**
   * @param renderer - card template renderer
   * @param organisation - for unit names
   * @param draftTtlDays - shown in "saved" and "gone" texts
   */
  constructor(
    private readonly renderer: CardRenderer,
    private readonly directory: Directory,
    private readonly draftTtlDays: number,
  ) {}

  /** The organisation as the directory has it now. */
  private get organisation(): Organisation {
    return this.directory.current();
  }

  /** The card of the draft's current step, with errors next to their fields. */
  step(draft: ReportDraft, errors: FieldError[], locale: Locale, notice?: 'stale' | 'resumed'): CardJson {
    const step = REPORT_STEPS[draft.stepIndex];
    const values = Object.fromEntries(RAW_FIELDS.map((f) => [f, draft.raw[f] ?? '']));
    const errorTexts = Object.fromEntries(errors.map((e) => [e.field, this.errorText(locale, e.code)]));
    const noticeText =
      notice === 'stale'
        ? translate(locale, 'report.notice.stale')
        : notice === 'resumed'
          ? translate(locale, 'report.notice.resumed', { date: draft.createdAt.slice(0, 10) })
          : '';
    const data = {
      draftId: draft.id,
      version: draft.version,
      progress: translate(locale, 'report.progress', { step: draft.stepIndex + 1, total: REPORT_STEPS.length }),
      danger: draft.danger,
      notice: noticeText,
      hasErrors: errors.length > 0,
      errors: errorTexts,
      values,
      descriptionHint: translate(locale, 'report.hint.description', { max: LIMITS.descriptionMax }),
      summary: this.summary(draft.raw, locale),
    };
    return this.renderer.render(`report-${step.id}`, locale, data, this.constantsOf(locale));
  }

  /** The receipt after a committed submit. */
  receipt(incident: Incident, recipients: Recipient[], locale: Locale): CardJson {
    return this.renderer.render('receipt', locale, {
      caseNumber: incident.caseNumber,
      reportedAt: localTime(incident.reportedAt),
      summary: this.summary(reportAsRaw(incident), locale).slice(0, 3),
      recipients: recipients.map((r) => translate(locale, `role.${r.role}` as MessageKey)),
      policeHelp: incident.report.policeIntent === 'want-help',
    });
  }

  /** The reporter's own reports with status, feedback and a way to add information. */
  myReports(
    reports: Array<{ incident: Incident; additions: number }>,
    locale: Locale,
    notice?: { text: string; error?: boolean; incidentId?: string; typed?: string },
  ): CardJson {
    return this.renderer.render('my-reports', locale, {
      notice: notice?.text ?? '',
      noticeColor: notice?.error ? 'Attention' : 'Good',
      reports: reports.map(({ incident, additions }) => ({
        id: incident.id,
        caseNumber: incident.caseNumber,
        status: translate(locale, `status.${incident.status}` as MessageKey),
        reportedAt: localTime(incident.reportedAt),
        summary: this.summary(reportAsRaw(incident), locale).slice(0, 2),
        feedback: incident.feedback ?? translate(locale, 'myReports.noFeedback'),
        additions,
        additionsText: translate(locale, 'myReports.addedCount', { count: additions }),
        draftText: notice?.incidentId === incident.id ? (notice.typed ?? '') : '',
      })),
    });
  }

  /** The 112 advice, with a way on to a report once safe. */
  danger(locale: Locale): CardJson {
    return this.renderer.render('danger', locale);
  }

  /** A short card with a title and a text. */
  notice(locale: Locale, title: MessageKey, text: MessageKey, params: Record<string, string | number> = {}): CardJson {
    return this.renderer.render('notice', locale, { title: translate(locale, title), text: translate(locale, text, params) });
  }

  /** Text of a "saved for later" or "gone" notice. */
  ttlParams(): Record<string, number> {
    return { days: this.draftTtlDays };
  }

  private errorText(locale: Locale, code: string): string {
    return translate(locale, `report.error.${code}` as MessageKey, { min: LIMITS.descriptionMin, max: LIMITS.descriptionMax });
  }

  private constantsOf(locale: Locale): CardConstants {
    const organisation = this.organisation;
    let perLocale = this.constants.get(organisation);
    if (!perLocale) this.constants.set(organisation, (perLocale = new Map()));
    let constants = perLocale.get(locale);
    if (!constants) perLocale.set(locale, (constants = Object.freeze({ options: this.options(locale, organisation) })));
    return constants;
  }

  private options(locale: Locale, organisation: Organisation): Record<string, Choice[]> {
    const out: Record<string, Choice[]> = {};
    for (const [field, values] of Object.entries(OPTION_LISTS)) {
      out[field] = values.map((value) => ({ value, title: translate(locale, `report.option.${field}.${value}` as MessageKey) }));
    }
    out.units = organisation.units.map((u) => ({ value: u.id, title: u.name }));
    return out;
  }

  private summary(raw: RawReport, locale: Locale): Choice[] {
    const label = (list: string, value: string | undefined) =>
      value
        ? value
            .split(',')
            .filter((v) => OPTION_LISTS[list]?.includes(v))
            .map((v) => translate(locale, `report.option.${list}.${v}` as MessageKey))
            .join(', ')
        : '';
    const unit = this.organisation.units.find((u) => u.id === raw.unitId)?.name ?? '';
    const rows: Array<[MessageKey, string]> = [
      ['report.label.forms', label('forms', raw.forms)],
      ['report.label.occurredDate', [raw.occurredDate, raw.occurredTime].filter(Boolean).join(' ')],
      ['report.label.place', label('place', raw.place)],
      ['report.label.unitId', unit],
      ['report.label.perpetratorRole', label('perpetratorRole', raw.perpetratorRole)],
      ['report.label.policeIntent', label('policeIntent', raw.policeIntent)],
      ['report.label.support', label('support', raw.support)],
    ];
    return rows.filter(([, v]) => v !== '').map(([k, value]) => ({ title: shortLabel(translate(locale, k)), value }));
  }
}



function reportAsRaw(incident: Incident): RawReport {
  const r = incident.report;
  const [date, time] = r.occurredAt.split('T');
  return {
    forms: r.forms.join(','),
    occurredDate: date,
    occurredTime: time,
    place: r.place,
    unitId: r.unitId,
    perpetratorRole: r.perpetratorRole,
    policeIntent: r.policeIntent,
    support: r.support.join(','),
  };
}
