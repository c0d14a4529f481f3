/**
 * Detection of Swedish personal identity numbers (personnummer) and co-ordination numbers
 * (samordningsnummer, day of birth + 60) in free text, so that the reporter can be asked to remove
 * them before a report is submitted. Pure; no I/O.
 */

/** A number found in a text. */
export interface IdentityNumberMatch {
  /** Position of the first character in the text. */
  index: number;
  /** The text as written. */
  text: string;
  kind: 'personnummer' | 'samordningsnummer';
}

// Optional century, YYMMDD, optional separator (-, +, or a space), NNNC. Not part of a longer number.
const CANDIDATE = /(?<![\d])((?:19|20)?)(\d{2})(\d{2})(\d{2})[-+ ]?(\d{3})(\d)(?![\d])/g;

/**
 * The Luhn (mod 10) check used for the last digit, computed over YYMMDDNNN.
 *
 * @param nineDigits - the nine digits before the check digit
 * @returns the expected check digit
 */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function isDate(century: string, yy: string, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Without a century the year is unknown: allow 29 February.
  const year = century ? Number(century + yy) : 2000;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * Finds personnummer and samordningsnummer with a valid date and check digit, written with or
 * without century and with or without separator (`-`, `+` or a space).
 *
 * @param text - free text, e.g. a report's description
 * @returns the numbers found, in order
 */
export function findIdentityNumbers(text: string): IdentityNumberMatch[] {
  const found: IdentityNumberMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century, yy, mm, dd, serial, check] = m;
    const rawDay = Number(dd);
    const coordination = rawDay > 60;
    const day = coordination ? rawDay - 60 : rawDay;
    if (!isDate(century, yy, Number(mm), day)) continue;
    if (luhnCheckDigit(yy + mm + dd + serial) !== Number(check)) continue;
    found.push({ index: m.index ?? 0, text: whole, kind: coordination ? 'samordningsnummer' : 'personnummer' });
  }
  return found;
}
