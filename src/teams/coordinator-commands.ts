/**
 * The coordinators' commands as people type them, in Swedish or English, with or without å/ä/ö:
 * `lägesbild [period] [förvaltning]`, `öppna [sida N]`, `försenade [sida N]`, `ärende <nr>`,
 * `export [period] [förvaltning]`. Pure: the organisation and the current instant are passed in;
 * what a person may see is decided by the service, not here.
 */
import { parseCaseNumber, formatCaseNumber } from '../domain/case-number';
import type { Organisation } from '../domain/organisation';
import { defaultPeriod, parsePeriod, type Period } from '../domain/period';

/** What a typed command asks for. */
export type CoordinatorCommand =
  | { kind: 'lagesbild'; period: Period; districtId?: string }
  | { kind: 'export'; period: Period; districtId?: string }
  | { kind: 'cases'; overdueOnly: boolean; page: number }
  | { kind: 'case'; caseNumber: string }
  /** The text after the command is not a period (with or without a district). */
  | { kind: 'bad-period'; command: 'lagesbild' | 'export'; text: string }
  /** A period followed by something that is no district. */
  | { kind: 'unknown-district'; command: 'lagesbild' | 'export'; text: string }
  /** `ärende` without a case number. */
  | { kind: 'case-usage' };

/** Command words (normalised: lower case, no diacritics) and what they start. */
export const COMMAND_WORDS = {
  lagesbild: ['lagesbild', 'situation report', 'situation'],
  open: ['oppna arenden', 'oppna', 'open cases', 'open'],
  overdue: ['forsenade arenden', 'forsenade', 'overdue cases', 'overdue'],
  case: ['arende', 'case'],
  export: ['export', 'exportera'],
} as const;

/**
 * Matches the start of a message to a coordinator command, for the route table.
 *
 * @param words - the command's words, normalised
 * @returns a regular expression matching the message text with or without diacritics
 */
export function commandPattern(words: readonly string[]): RegExp {
  const loose = (w: string) => w.replace(/a/g, '[aåä]').replace(/o/g, '[oö]').replace(/ /g, '\\s+');
  return new RegExp(`^\\s*(?:${words.map(loose).join('|')})(?=$|[\\s.!?])`, 'i');
}

/**
 * Reads a coordinator command.
 *
 * @param text - the message text (the bot's @mention already removed)
 * @param org - the organisation, for district names and ids
 * @param now - the current instant, for relative periods
 * @returns the command, or undefined when the text starts with none of the command words
 */
export function parseCoordinatorCommand(text: string, org: Organisation, now: Date): CoordinatorCommand | undefined {
  const typed = text.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '').trim();
  const words = normalise(typed);
  const lagesbild = afterWord(words, COMMAND_WORDS.lagesbild);
  // What followed the command as typed (normalising keeps the words, so their number is the same).
  const original = (rest: string) => (rest ? typed.split(' ').slice(-rest.split(' ').length) : []);
  if (lagesbild !== undefined) return periodCommand('lagesbild', original(lagesbild), org, now);
  const exported = afterWord(words, COMMAND_WORDS.export);
  if (exported !== undefined) return periodCommand('export', original(exported), org, now);
  for (const [key, overdueOnly] of [['open', false], ['overdue', true]] as const) {
    const rest = afterWord(words, COMMAND_WORDS[key]);
    if (rest !== undefined) return { kind: 'cases', overdueOnly, page: pageOf(rest) };
  }
  const caseRest = afterWord(words, COMMAND_WORDS.case);
  if (caseRest !== undefined) {
    const parsed = parseCaseNumber(caseRest.replace(/^(?:nr|nummer|number|no)\.? ?/, ''));
    return parsed ? { kind: 'case', caseNumber: formatCaseNumber(parsed.year, parsed.sequence) } : { kind: 'case-usage' };
  }
  return undefined;
}

/**
 * Finds a district by what a person typed: its id or its name, in any case, with or without å/ä/ö.
 *
 * @param org - the organisation
 * @param typed - the typed text
 * @returns the district's id, if one matches
 */
export function matchDistrict(org: Organisation, typed: string): string | undefined {
  const wanted = normalise(typed);
  if (!wanted) return undefined;
  return org.districts.find((d) => normalise(d.id) === wanted || normalise(d.name) === wanted)?.id;
}

function periodCommand(command: 'lagesbild' | 'export', tokens: string[], org: Organisation, now: Date): CoordinatorCommand {
  if (tokens.length === 0) return { kind: command, period: defaultPeriod(now) };
  const period = parsePeriod(tokens.join(' '), now);
  if (period) return { kind: command, period };
  // A district at the end or at the start, the period (or nothing) on the other side.
  for (let cut = 1; cut < tokens.length + 1; cut++) {
    const tail = tokens.slice(tokens.length - cut).join(' ');
    const head = tokens.slice(0, tokens.length - cut).join(' ');
    for (const [districtText, periodText] of [[tail, head], [tokens.slice(0, cut).join(' '), tokens.slice(cut).join(' ')]]) {
      const districtId = matchDistrict(org, districtText);
      if (!districtId) continue;
      const p = periodText ? parsePeriod(periodText, now) : defaultPeriod(now);
      if (p) return { kind: command, period: p, districtId };
    }
  }
  // A valid period followed by words that are no district.
  for (let cut = tokens.length - 1; cut >= 1; cut--) {
    if (parsePeriod(tokens.slice(0, cut).join(' '), now)) return { kind: 'unknown-district', command, text: tokens.slice(cut).join(' ') };
  }
  return { kind: 'bad-period', command, text: tokens.join(' ') };
}

/** The text after one of the command's words, or undefined when the text starts with none. */
function afterWord(words: string, commandWords: readonly string[]): string | undefined {
  for (const word of commandWords) {
    if (words === word) return '';
    if (words.startsWith(`${word} `)) return words.slice(word.length + 1).trim();
  }
  return undefined;
}

/** `sida 2`, `page 2`, `s. 2` or just `2`; anything else is page 1. */
function pageOf(rest: string): number {
  const m = /^(?:(?:sida|page|s\.?|p\.?) ?)?(\d{1,4})$/.exec(rest);
  const page = m ? Number(m[1]) : 1;
  return page >= 1 ? page : 1;
}

function normalise(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, ' ');
}
