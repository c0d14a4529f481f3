/** Formats instants as Swedish local date and time for cards (one formatter, built once). */
const LOCAL_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/**
 * An ISO instant as Swedish local time, e.g. `2026-11-23 10:15`.
 *
 * @param iso - an ISO instant
 * @returns the local date and time
 */
export function localTime(iso: string): string {
  return LOCAL_TIME.format(new Date(iso));
}
