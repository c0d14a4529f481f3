/**
 * Swedish working days: public holidays (allmänna helgdagar) and the de facto non-working eves.
 * Pure calendar arithmetic on local dates (`YYYY-MM-DD`); no time zone, no clock.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a real calendar date `YYYY-MM-DD` to midnight UTC of that date, or throws. */
function parseLocalDate(localDate: string): Date {
  const match = LOCAL_DATE.exec(localDate);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    date.setUTCFullYear(year);
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return date;
    }
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(localDate)}`);
}

function formatLocalDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of `year-month-day`, normalising overflowing days (e.g. 31 March + 9). */
function dateOf(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  return formatLocalDate(date);
}

/** The date of the given weekday (0 = Sunday … 6 = Saturday) in the seven days from `year-month-day`. */
function weekdayFrom(year: number, month: number, day: number, weekday: number): string {
  const start = parseLocalDate(dateOf(year, month, day));
  const shift = (weekday - start.getUTCDay() + 7) % 7;
  return formatLocalDate(new Date(start.getTime() + shift * DAY_MS));
}

/**
 * Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 *
 * @param year - a Gregorian calendar year (1583 or later)
 * @returns the date of Easter Sunday, `YYYY-MM-DD`
 * @throws RangeError if the year is not an integer from 1583 to 9999
 */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Not a Gregorian year: ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateOf(year, month, day);
}

/**
 * The Swedish days off of a year: the public holidays of lag (1989:253) om allmänna helgdagar as in
 * force since 2005, plus the eves that are de facto days off (påskafton, midsommarafton, julafton,
 * nyårsafton). Half days (trettondagsafton, skärtorsdagen, allhelgonaafton …) are working days.
 * Holidays that always fall on a Sunday or Saturday (påskdagen, pingstdagen, midsommardagen, alla
 * helgons dag) are included so the map can also name the day.
 *
 * Identifiers: `new-years-day`, `epiphany`, `good-friday`, `easter-eve`, `easter-sunday`,
 * `easter-monday`, `may-day`, `ascension-day`, `whit-sunday`, `national-day`, `midsummer-eve`,
 * `midsummer-day`, `all-saints-day`, `christmas-eve`, `christmas-day`, `boxing-day`, `new-years-eve`.
 * When two fall on one date (Kristi himmelsfärd on 1 May, as in 2008), the value joins both with `+`
 * in calendar-rule order, e.g. `may-day+ascension-day`.
 *
 * Computed on every call; the result is a new map the caller may keep.
 *
 * @param year - a Gregorian calendar year (1583–9999)
 * @returns local date `YYYY-MM-DD` → holiday identifier, in date order
 * @throws RangeError if the year is not an integer from 1583 to 9999
 */
export function swedishHolidays(year: number): ReadonlyMap<string, string> {
  const easter = parseLocalDate(easterSunday(year)).getTime();
  const fromEaster = (days: number): string => formatLocalDate(new Date(easter + days * DAY_MS));
  const entries: Array<[string, string]> = [
    [dateOf(year, 1, 1), 'new-years-day'],
    [dateOf(year, 1, 6), 'epiphany'],
    [fromEaster(-2), 'good-friday'],
    [fromEaster(-1), 'easter-eve'],
    [fromEaster(0), 'easter-sunday'],
    [fromEaster(1), 'easter-monday'],
    [dateOf(year, 5, 1), 'may-day'],
    [fromEaster(39), 'ascension-day'],
    [fromEaster(49), 'whit-sunday'],
    [dateOf(year, 6, 6), 'national-day'],
    [weekdayFrom(year, 6, 19, 5), 'midsummer-eve'],
    [weekdayFrom(year, 6, 20, 6), 'midsummer-day'],
    [weekdayFrom(year, 10, 31, 6), 'all-saints-day'],
    [dateOf(year, 12, 24), 'christmas-eve'],
    [dateOf(year, 12, 25), 'christmas-day'],
    [dateOf(year, 12, 26), 'boxing-day'],
    [dateOf(year, 12, 31), 'new-years-eve'],
  ];
  const byDate = new Map<string, string>();
  for (const [date, id] of entries) {
    const earlier = byDate.get(date);
    byDate.set(date, earlier === undefined ? id : `${earlier}+${id}`);
  }
  return new Map([...byDate].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Whether a date is a Swedish working day: Monday to Friday and not a day in {@link swedishHolidays}.
 *
 * @param localDate - `YYYY-MM-DD`
 * @returns true on a working day
 * @throws RangeError if the date is not a real calendar date, or its year is before 1583
 */
export function isWorkingDay(localDate: string): boolean {
  const date = parseLocalDate(localDate);
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !swedishHolidays(date.getUTCFullYear()).has(localDate);
}

/**
 * Moves by working days. `n > 0`: the n-th working day after the date; `n < 0`: the |n|-th working
 * day before it; `n = 0`: the date itself, whether or not it is a working day.
 *
 * @param localDate - `YYYY-MM-DD`
 * @param n - an integer number of working days
 * @returns `YYYY-MM-DD`
 * @throws RangeError if the date is not a real calendar date or n is not an integer
 */
export function addWorkingDays(localDate: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of working days: ${n}`);
  let time = parseLocalDate(localDate).getTime();
  const step = Math.sign(n) * DAY_MS;
  let year = Number.NaN;
  let holidays: ReadonlyMap<string, string> = new Map();
  for (let left = Math.abs(n); left > 0; ) {
    time += step;
    const date = new Date(time);
    if (date.getUTCFullYear() !== year) {
      year = date.getUTCFullYear();
      holidays = swedishHolidays(year);
    }
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(formatLocalDate(date))) left -= 1;
  }
  return formatLocalDate(new Date(time));
}

/**
 * The first working day strictly after a date.
 *
 * @param localDate - `YYYY-MM-DD`
 * @returns `YYYY-MM-DD`
 * @throws RangeError if the date is not a real calendar date
 */
export function nextWorkingDay(localDate: string): string {
  return addWorkingDays(localDate, 1);
}
