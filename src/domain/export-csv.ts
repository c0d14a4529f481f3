/**
 * The export for the annual follow-up: one CSV row per incident, codes and dates only — no
 * person's name, no free text, no ids of people. Pure.
 *
 * The text follows RFC 4180 (comma, CRLF, double quotes doubled inside quoted cells), starts with
 * a UTF-8 byte order mark so that Excel reads å/ä/ö, and is safe to open in a spreadsheet: a cell
 * that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so that it
 * is never run as a formula. The columns are documented in the README ("CSV export").
 */
import type { CaseSummary } from './lagesbild-types';
import { stockholmLocal } from './local-time';
import type { Organisation } from './organisation';

/** The byte order mark Excel needs to read UTF-8. */
export const UTF8_BOM = '\uFEFF';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

type Cell = string | number | boolean | undefined;

/** The columns, in order: header name and how a case fills it. */
export const EXPORT_COLUMNS: ReadonlyArray<readonly [string, (c: CaseSummary, org: Organisation) => Cell]> = [
  ['case_number', (c) => c.caseNumber],
  ['district_id', (c) => c.districtId],
  ['district_name', (c, org) => org.districts.find((d) => d.id === c.districtId)?.name],
  ['unit_id', (c) => c.unitId],
  ['unit_name', (c, org) => org.units.find((u) => u.id === c.unitId)?.name],
  ['reported_date', (c) => localDate(c.reportedAt)],
  ['forms', (c) => c.forms.join('|')],
  ['perpetrator_role', (c) => c.perpetratorRole],
  ['place', (c) => c.place],
  ['work_area', (c) => c.workArea],
  ['status', (c) => c.status],
  ['police_relevant', (c) => c.policeRelevant],
  ['police_decision', (c) => c.policeDecision],
  ['police_filed', (c) => (c.policeRelevant || c.policeDecision ? (c.policeFiled ?? false) : undefined)],
  ['possibly_serious', (c) => c.possiblySerious],
  ['serious_notified', (c) => (c.possiblySerious ? (c.seriousNotified ?? false) : undefined)],
  ['serious_notified_in_time', (c) => (c.possiblySerious ? (c.seriousNotifiedInTime ?? false) : undefined)],
  ['acknowledged_date', (c) => localDate(c.acknowledgedAt)],
  ['hours_to_acknowledge', (c) => elapsed(c.reportedAt, c.acknowledgedAt, HOUR_MS)],
  ['support_offered_date', (c) => localDate(c.supportOfferedAt)],
  ['hours_to_support', (c) => elapsed(c.reportedAt, c.supportOfferedAt, HOUR_MS)],
  ['closed_date', (c) => localDate(c.closedAt)],
  ['days_to_close', (c) => elapsed(c.reportedAt, c.closedAt, DAY_MS)],
];

/**
 * The CSV text of an export.
 *
 * @param cases - the cases to export (any order; rows are sorted by report time, then case number)
 * @param org - the organisation, for district and unit names
 * @returns the file's text, starting with the byte order mark, every line ending in CRLF
 */
export function exportCsv(cases: readonly CaseSummary[], org: Organisation): string {
  const sorted = [...cases].sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.caseNumber.localeCompare(b.caseNumber));
  const lines = [
    EXPORT_COLUMNS.map(([name]) => name),
    ...sorted.map((c) => EXPORT_COLUMNS.map(([, value]) => formatCell(value(c, org)))),
  ];
  return UTF8_BOM + lines.map((cells) => cells.map(csvField).join(',') + '\r\n').join('');
}

/**
 * One field as RFC 4180 writes it, made harmless for spreadsheets.
 *
 * @param value - the cell's text
 * @returns the text, prefixed with `'` when it could start a formula, quoted when needed
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function formatCell(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function localDate(iso: string | undefined): string | undefined {
  return iso ? stockholmLocal(new Date(iso)).slice(0, 10) : undefined;
}

/** Whole units (hours or days, rounded down) from one instant to a later one. */
function elapsed(fromIso: string, toIso: string | undefined, unitMs: number): number | undefined {
  if (!toIso) return undefined;
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / unitMs));
}
