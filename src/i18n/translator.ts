import type { Locale } from '../config';
import en from './en.json';
import sv from './sv.json';

/** Every key of the locale files; sv.json is the reference. */
export type MessageKey = keyof typeof sv;

/** The strings of one locale, by key. */
export type Messages = Readonly<Record<MessageKey, string>>;

const CATALOGS: Readonly<Record<Locale, Messages>> = { 'sv-SE': sv, 'en-US': en };

/**
 * Returns all UI strings of a locale.
 *
 * @param locale - a supported locale
 * @returns the locale's strings
 */
export function messagesFor(locale: Locale): Messages {
  return CATALOGS[locale];
}

/**
 * Translates one key, filling `{name}` placeholders from `params`.
 *
 * @param locale - a supported locale
 * @param key - the message key
 * @param params - values for the placeholders
 * @returns the translated text
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = CATALOGS[locale][key];
  // Most strings have no placeholder; they are looked up on every card, so skip the scan.
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Picks the supported locale for a Teams locale string such as `sv-SE`, `en-GB` or `sv`.
 *
 * @param teamsLocale - the locale the client sent, if any
 * @param fallback - the configured default locale
 * @returns `en-US` for any English locale, `sv-SE` for any Swedish one, else the fallback
 */
export function resolveLocale(teamsLocale: string | undefined, fallback: Locale): Locale {
  const language = (teamsLocale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (language === 'en') return 'en-US';
  if (language === 'sv') return 'sv-SE';
  return fallback;
}
