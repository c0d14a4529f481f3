/**
 * What a lägesbild card shows: every figure already suppressed (small counts as `<5`, counts that
 * would give a small one away as `..`), with codes the Teams side translates — forms, roles, places
 * and areas of work through `report.option.<field>.<code>`, units by their names. Built by
 * `buildLagesbild` in `lagesbild.ts`; no names of people, no free text.
 */
import type { Cell, Trend } from './suppression';

/** A period as the card names it. */
export interface PeriodInfo {
  /** Canonical label, e.g. `30d`, `2026-Q3`, `2026-09-25..2026-10-24`. */
  label: string;
  /** ISO instant of the first moment inside the period. */
  from: string;
  /** ISO instant of the first moment after it (exclusive). */
  to: string;
}

/** One count with the same count in the previous period and the change between them. */
export interface CountFigure {
  cell: Cell;
  previous: Cell;
  /** Change against the previous period: only when both counts are shown. */
  trend?: Trend;
}

/** The groups of counts on the card. */
export type DimensionKey = 'form' | 'unit' | 'perpetratorRole' | 'place' | 'workArea';

/** One row of a group: a category and its count. */
export interface DimensionRow extends CountFigure {
  /** A form/role/place/area code, or a unit id. */
  code: string;
  /** Units: the name in the organisation file (the id when the unit is no longer listed). */
  name?: string;
  /** Units: the district the unit belongs to (undefined when no longer listed). */
  districtId?: string;
  /** The row's share of all incidents in the period (0…1), when both are shown. */
  share?: number;
}

/** A group of counts: forms, units, perpetrator roles, places/channels, areas of work. */
export interface Dimension {
  key: DimensionKey;
  /** Locale key prefix of the codes (`report.option.forms`); undefined for units (use `name`). */
  optionsKey?: string;
  /**
   * Every incident is in exactly one row (the rows add up to the total) — false for forms, where
   * one incident may have several. Never add up rows on the card: hidden rows would be given away.
   */
  exclusive: boolean;
  /** In display order: the code lists' order; units in the organisation's order. */
  rows: DimensionRow[];
}

/** A part of a count that is not itself a row on the card, e.g. threats with a police decision. */
export interface SubgroupFigure {
  /** The part: a number, or hidden (`..`) / small (`<5`). */
  count: Cell;
  /** count ÷ whole (0…1), when shown. */
  share?: number;
}

/** Police-report follow-up of threats and violence (zero tolerance: every case gets a decision). */
export interface PoliceFollowUp {
  /** Cases of threats or violence reported in the period. */
  relevant: Cell;
  /** Of those, with a recorded police-report decision. */
  decisionRecorded: SubgroupFigure;
  /** Of those, with a police report filed (already filed, or a filing date recorded). */
  filed: SubgroupFigure;
  /**
   * True when the block is withheld because, with the forms shown as `<5`, the number of threat
   * and violence cases would give one of them away. Everything in the block is then `..`.
   */
  withheld: boolean;
}

/** Possible allvarligt tillbud (AML 3 kap. 3 a §) and their notification to Arbetsmiljöverket. */
export interface SeriousFollowUp {
  possiblySerious: Cell;
  /** Notified at all (an assessment `notified` recorded). */
  notified: SubgroupFigure;
  /** Notified on the day of the report or earlier (Swedish dates). */
  notifiedInTime: SubgroupFigure;
}

/**
 * A median time from the report to a milestone, of the cases reported in the period that have
 * reached it. Computed from counters kept in time buckets (15 min, 30 min, 1 h, 2 h, 4 h, 8 h,
 * 1, 2, 3, 5, 7, 14, 30, 60, 90, 180, 365 days), so the card tells the bucket the median lies in.
 */
export type MedianFigure =
  | {
      kind: 'range';
      /** The median is at least this many minutes… */
      fromMinutes: number;
      /** …and less than this many; undefined for the last, open-ended bucket. */
      toMinutes?: number;
    }
  /** Fewer cases than the suppression threshold reached the milestone: nothing is shown. */
  | { kind: 'too-few' };

/** Cases open now, in the whole scope (whatever their report date). */
export interface OpenFigures {
  open: Cell;
  /** Open with a deadline that has passed (acknowledgement, same-day notification, a measure). */
  overdue: Cell;
  /** ISO instant the figures were taken. */
  asOf: string;
}

/** Whose cases the card covers. */
export interface LagesbildScopeInfo {
  kind: 'districts' | 'units';
  /** Every district of the organisation (city security without a district chosen). */
  wholeCity: boolean;
  /** The districts covered (for a unit scope: the districts of the units), organisation order. */
  districts: Array<{ id: string; name: string }>;
  /** The units covered (a district scope: every unit of its districts), organisation order. */
  units: Array<{ id: string; name: string; districtId: string }>;
}

/** Everything the lägesbild card shows, already suppressed. */
export interface LagesbildView {
  scope: LagesbildScopeInfo;
  period: PeriodInfo;
  /** The period the trends compare with: as long, immediately before. */
  previousPeriod: PeriodInfo;
  /** Counts below this are shown as {@link LagesbildView.smallMark}. */
  threshold: number;
  /** e.g. `<5`. */
  smallMark: string;
  /** Incidents reported in the period. */
  total: CountFigure;
  /** Forms, units, perpetrator roles, places/channels, areas of work — in that order. */
  dimensions: Dimension[];
  police: PoliceFollowUp;
  serious: SeriousFollowUp;
  medians: {
    acknowledge: MedianFigure;
    supportOffered: MedianFigure;
    closed: MedianFigure;
  };
  open: OpenFigures;
  /** ISO instant the card was made. */
  generatedAt: string;
}
