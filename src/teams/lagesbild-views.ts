/**
 * The lägesbild card: headline figures with the trend, one bar chart per group of counts, police
 * reports for threats and violence, median times, possible allvarligt tillbud. Every figure comes
 * suppressed from the domain; a hidden count (`<5`, `..`) gets no bar, so nothing on the card
 * reveals its size. The bars are ColumnSets with weighted widths: Adaptive Cards 1.5 has no chart
 * element, and this renders alike in Teams and in the Agents Playground.
 */
import type { Locale } from '../config';
import type { Dimension, LagesbildView, MedianFigure, PeriodInfo, SubgroupFigure } from '../domain/lagesbild-view';
import type { Cell, Trend } from '../domain/suppression';
import { stockholmDate } from '../domain/stockholm-instant';
import { translate, type MessageKey } from '../i18n/translator';
import type { CardJson, CardRenderer } from './card-renderer';
import { localTime } from './local-time-format';

/** One bar of a chart. */
export interface BarRow {
  label: string;
  /** The figure as shown: a count, `<5`, `..`, or a percentage. */
  value: string;
  /** Width weights of the bar and of the rest of the line (0–100 each, together 100). */
  fill: number;
  rest: number;
  barId: string;
  barStyle: 'accent' | 'good';
}

/** One chart: a title, its bars and a note under them. */
export interface Chart {
  key: string;
  title: string;
  rows: BarRow[];
  note: string;
}

const PERCENT = 100;

/** Renders the lägesbild card. */
export class LagesbildViews {
  /** @param renderer - card template renderer */
  constructor(private readonly renderer: CardRenderer) {}

  /**
   * The card for one view.
   *
   * @param view - the suppressed figures from the lägesbild service
   * @param locale - the reader's locale
   */
  card(view: LagesbildView, locale: Locale): CardJson {
    const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, params);
    const total = view.total.cell;
    const scale = typeof total === 'number' && total > 0 ? total : undefined;
    const charts: Chart[] = total === 0 ? [] : view.dimensions.map((d) => this.dimensionChart(d, scale, locale));
    charts.push(this.policeChart(view, locale));
    const overdue = view.open.overdue;
    return this.renderer.render('lagesbild', locale, {
      title: t('lagesbild.title', { scope: scopeName(view, locale) }),
      period: periodLine(view.period, view.previousPeriod, locale),
      headline: [
        { label: t('lagesbild.total'), value: String(total), color: 'Default', trend: trendText(view.total.trend, view.total.previous, locale) },
        { label: t('lagesbild.open'), value: String(view.open.open), color: 'Default', trend: t('lagesbild.openScope') },
        { label: t('lagesbild.overdue'), value: String(overdue), color: typeof overdue === 'number' && overdue === 0 ? 'Good' : 'Attention', trend: t('lagesbild.openScope') },
      ],
      charts: total === 0 ? [{ key: 'empty', title: t('lagesbild.noReports'), rows: [], note: '' }, ...charts] : charts,
      times: (['acknowledge', 'supportOffered', 'closed'] as const).map((m) => ({
        title: t(`lagesbild.time.${m}`),
        value: medianText(view.medians[m], locale),
      })),
      serious: [
        { title: t('lagesbild.serious.possible'), value: String(view.serious.possiblySerious) },
        { title: t('lagesbild.serious.notified'), value: subgroupText(view.serious.notified, locale) },
        { title: t('lagesbild.serious.inTime'), value: subgroupText(view.serious.notifiedInTime, locale) },
      ],
      footnote: t('lagesbild.footnote', { threshold: view.threshold, mark: view.smallMark, asOf: localTime(view.open.asOf) }),
    });
  }

  private dimensionChart(dimension: Dimension, scale: number | undefined, locale: Locale): Chart {
    const max = Math.max(1, ...dimension.rows.map((r) => (typeof r.cell === 'number' ? r.cell : 0)));
    const labelOf = (row: Dimension['rows'][number]) =>
      dimension.optionsKey ? translate(locale, `${dimension.optionsKey}.${row.code}` as MessageKey) : (row.name ?? row.code);
    // Categories with no case at all are named in one line under the bars, to keep the card short.
    const zero = dimension.rows.filter((r) => r.cell === 0);
    const rows = dimension.rows
      .filter((r) => r.cell !== 0)
      .map((row) => {
        const change = row.trend && row.trend.difference !== 0 ? ` (${signed(row.trend.difference)})` : '';
        return bar(`${dimension.key}-${row.code}`, labelOf(row), `${row.cell}${change}`, row.cell, scale ?? max, 'accent');
      });
    const notes = [
      zero.length > 0 ? translate(locale, 'lagesbild.noneIn', { items: zero.map(labelOf).join(', ') }) : '',
      dimension.exclusive ? '' : translate(locale, 'lagesbild.formsNote'),
    ];
    return { key: dimension.key, title: translate(locale, `lagesbild.chart.${dimension.key}` as MessageKey), rows, note: notes.filter(Boolean).join(' ') };
  }

  private policeChart(view: LagesbildView, locale: Locale): Chart {
    const p = view.police;
    const share = (id: string, key: MessageKey, figure: SubgroupFigure): BarRow => {
      const shown = figure.share === undefined ? String(figure.count) : percent(figure.share, locale);
      return bar(`police-${id}`, translate(locale, key), shown, figure.share === undefined ? '..' : Math.round(figure.share * PERCENT), PERCENT, 'good');
    };
    const note = p.withheld ? translate(locale, 'lagesbild.policeWithheld') : translate(locale, 'lagesbild.policeNote', { count: String(p.relevant) });
    return {
      key: 'police',
      title: translate(locale, 'lagesbild.chart.police'),
      rows: p.withheld ? [] : [share('decision', 'lagesbild.policeDecision', p.decisionRecorded), share('filed', 'lagesbild.policeFiled', p.filed)],
      note,
    };
  }
}

/** A bar: shown only for a count that is on the card as a number. */
function bar(id: string, label: string, value: string, cell: Cell, scale: number, barStyle: BarRow['barStyle']): BarRow {
  const raw = typeof cell === 'number' && scale > 0 ? Math.round((cell / scale) * PERCENT) : 0;
  // A count above zero always gets a visible bar, however small next to the others.
  const fill = typeof cell === 'number' && cell > 0 ? Math.min(PERCENT, Math.max(1, raw)) : 0;
  return { label, value, fill, rest: PERCENT - fill, barId: `bar-${id}`.replace(/[^A-Za-z0-9_-]/g, '_'), barStyle };
}

function scopeName(view: LagesbildView, locale: Locale): string {
  const s = view.scope;
  if (s.wholeCity && s.districts.length > 1) return translate(locale, 'lagesbild.wholeCity');
  const names = s.kind === 'districts' ? s.districts.map((d) => d.name) : s.units.map((u) => u.name);
  return names.join(', ');
}

/** `30d: 2026-10-25 – 2026-11-23. Jämförs med …` (the last day shown is the day before `to`). */
function periodLine(period: PeriodInfo, previous: PeriodInfo, locale: Locale): string {
  const first = (p: PeriodInfo) => stockholmDate(new Date(p.from));
  const last = (p: PeriodInfo) => stockholmDate(new Date(Date.parse(p.to) - 1));
  return translate(locale, 'lagesbild.period', {
    label: period.label,
    from: first(period),
    to: last(period),
    previousFrom: first(previous),
    previousTo: last(previous),
  });
}

function trendText(trend: Trend | undefined, previous: Cell, locale: Locale): string {
  if (!trend) return translate(locale, 'lagesbild.trendNone', { previous: String(previous) });
  if (trend.difference === 0) return translate(locale, 'lagesbild.trendUnchanged');
  const relative = trend.relative === undefined ? '' : ` (${trend.relative > 0 ? '+' : '−'}${percent(Math.abs(trend.relative), locale)})`;
  return translate(locale, 'lagesbild.trend', { change: `${signed(trend.difference)}${relative}`, previous: String(previous) });
}

function subgroupText(figure: SubgroupFigure, locale: Locale): string {
  return figure.share === undefined
    ? String(figure.count)
    : translate(locale, 'lagesbild.countShare', { count: String(figure.count), percent: percent(figure.share, locale) });
}

/** A median's bucket in words: `1–2 tim`, `under 15 min`, `mer än 365 dagar`. */
export function medianText(median: MedianFigure, locale: Locale): string {
  if (median.kind === 'too-few') return translate(locale, 'lagesbild.time.tooFew');
  const { fromMinutes: from, toMinutes: to } = median;
  if (to === undefined) return translate(locale, 'lagesbild.time.over', { time: duration(from, locale) });
  if (from === 0) return translate(locale, 'lagesbild.time.under', { time: duration(to, locale) });
  const [a, b] = [unitOf(from), unitOf(to)];
  if (a.key === b.key || (a.key === 'lagesbild.unit.day' && b.key === 'lagesbild.unit.days')) {
    return translate(locale, b.key, { n: `${a.n}–${b.n}` });
  }
  return `${duration(from, locale)} – ${duration(to, locale)}`;
}

function duration(minutes: number, locale: Locale): string {
  const u = unitOf(minutes);
  return translate(locale, u.key, { n: u.n });
}

function unitOf(minutes: number): { key: MessageKey; n: number } {
  if (minutes < 60) return { key: 'lagesbild.unit.minutes', n: minutes };
  if (minutes < 24 * 60) return { key: 'lagesbild.unit.hours', n: Math.round(minutes / 60) };
  const days = Math.round(minutes / (24 * 60));
  return { key: days === 1 ? 'lagesbild.unit.day' : 'lagesbild.unit.days', n: days };
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0';
}

function percent(share: number, locale: Locale): string {
  return `${Math.round(share * PERCENT)}${locale === 'sv-SE' ? '\u00a0' : ''}%`;
}
