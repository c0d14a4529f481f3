/**
 * Cards of the coordinators' commands besides the lägesbild: the open and overdue case lists (one
 * page, each case opens the case card through the `case.view` verb, which logs the read), the card
 * that opens one case in a channel, and the short command help. Card data carries ids and page
 * numbers only.
 */
import type { Locale } from '../config';
import type { Directory } from '../directory/directory';
import type { CaseSummary } from '../domain/lagesbild-types';
import type { Organisation } from '../domain/organisation';
import { stockholmDate } from '../domain/stockholm-instant';
import { translate, type MessageKey } from '../i18n/translator';
import { personName } from './person-name';
import type { CardJson, CardRenderer } from './card-renderer';
import { localTime } from './local-time-format';

/** One page of a case list, as the lägesbild service returns it. */
export interface CaseListPage {
  rows: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
}

const DAY_MS = 86_400_000;

/** Renders the case lists, the case pointer and the command help. */
export class CaseListViews {
  /**
   * @param renderer - card template renderer
   * @param organisation - names of units and people
   */
  constructor(
    private readonly renderer: CardRenderer,
    private readonly directory: Directory,
  ) {}

  /** The organisation as the directory has it now. */
  private get organisation(): Organisation {
    return this.directory.current();
  }

  /**
   * A page of open (or overdue) cases.
   *
   * @param list - the page
   * @param options - overdue only; whether to name who holds each case (not in channels); now
   * @param locale - the reader's locale
   */
  list(list: CaseListPage, options: { overdueOnly: boolean; showHolders: boolean; now: Date }, locale: Locale): CardJson {
    const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, params);
    const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
    const today = stockholmDate(options.now);
    return this.renderer.render('case-list', locale, {
      title: t(options.overdueOnly ? 'cases.titleOverdue' : 'cases.titleOpen'),
      summary: t('cases.summary', { total: list.total, page: list.page, pages }),
      empty: t(options.overdueOnly ? 'cases.emptyOverdue' : 'cases.emptyOpen'),
      hint: t(options.showHolders ? 'cases.hint' : 'cases.hintChannel'),
      rows: list.rows.map((c) => {
        const days = Math.round((Date.parse(today) - Date.parse(stockholmDate(new Date(c.reportedAt)))) / DAY_MS);
        const passed = c.nextDeadline !== undefined && Date.parse(c.nextDeadline) < options.now.getTime();
        const deadline = c.nextDeadline === undefined ? t('cases.noDeadline') : passed ? t('cases.deadlinePassed', { time: localTime(c.nextDeadline) }) : localTime(c.nextDeadline);
        return {
          incidentId: c.incidentId,
          caseNumber: c.caseNumber,
          openTitle: t('cases.openCase', { caseNumber: c.caseNumber }),
          forms: c.forms.map((f) => t(`report.option.forms.${f}` as MessageKey)).join(', '),
          unit: this.organisation.units.find((u) => u.id === c.unitId)?.name ?? c.unitId,
          age: days <= 0 ? t('cases.today') : t('cases.ageDays', { days }),
          deadline,
          deadlineColor: passed ? 'Attention' : 'Default',
          holder: options.showHolders ? this.holders(c.assigneeIds, locale) : '',
        };
      }),
      overdueOnly: options.overdueOnly,
      page: list.page,
      hasPrevious: list.page > 1,
      hasNext: list.page < pages,
    });
  }

  /**
   * A card in a channel that opens one case for whoever selects it (the details in a
   * user-specific response, the read logged).
   *
   * @param incidentId - the case's id
   * @param caseNumber - its number
   * @param locale - the reader's locale
   */
  caseOpener(incidentId: string, caseNumber: string, locale: Locale): CardJson {
    return this.renderer.render('case-open', locale, { incidentId, title: translate(locale, 'case.title', { caseNumber }) });
  }

  /**
   * The short help of the channel and coordinator commands.
   *
   * @param locale - the reader's locale
   */
  help(locale: Locale): CardJson {
    const periods = translate(locale, 'help.periods', { examples: translate(locale, 'lagesbild.periodExamples') });
    return this.renderer.render('command-help', locale, { periods });
  }

  private holders(ids: readonly string[], locale: Locale): string {
    if (ids.length === 0) return translate(locale, 'cases.nobody');
    return ids.map((id) => personName(this.organisation, id, locale)).join(', ');
  }
}
