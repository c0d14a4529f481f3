/**
 * Case numbers people can read aloud: the year and a sequence number that starts at 1 each year,
 * e.g. `2026-0042`. The store allocates the sequence; this only formats and parses.
 */

/**
 * Formats a case number.
 *
 * @param year - four-digit year
 * @param sequence - 1-based sequence number within the year
 * @returns e.g. `2026-0042` (more digits once past 9999)
 */
export function formatCaseNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(4, '0')}`;
}

/**
 * Parses a case number typed by a person (`2026-42`, `2026-0042`, ` 2026-0042 `).
 *
 * @param text - the typed text
 * @returns year and sequence, or undefined when it is not a case number
 */
export function parseCaseNumber(text: string): { year: number; sequence: number } | undefined {
  const m = /^\s*(\d{4})-(\d{1,7})\s*$/.exec(text);
  if (!m || Number(m[2]) < 1) return undefined;
  return { year: Number(m[1]), sequence: Number(m[2]) };
}
