/**
 * Swedish local time, for dates people type and read. Pure: the instant is always passed in.
 */
const TIME_ZONE = 'Europe/Stockholm';

const FORMAT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * The Swedish wall-clock time of an instant.
 *
 * @param instant - a point in time
 * @returns `YYYY-MM-DDTHH:MM` in Europe/Stockholm
 */
export function stockholmLocal(instant: Date): string {
  // format() is several times faster than formatToParts() and gives `YYYY-MM-DD HH:MM` for sv-SE;
  // the parts are the fallback should another ICU version format differently.
  const text = FORMAT.format(instant);
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(text)) return `${text.slice(0, 10)}T${text.slice(11)}`;
  const parts = Object.fromEntries(FORMAT.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * Adds whole days to a local date-time string (calendar arithmetic, no time zone involved).
 *
 * @param local - `YYYY-MM-DDTHH:MM`
 * @param days - days to add (negative to go back)
 * @returns the shifted `YYYY-MM-DDTHH:MM`
 */
export function addLocalDays(local: string, days: number): string {
  const d = new Date(`${local}:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 16);
}
