import type { TurnContext } from 'botbuilder';
import type { Locale } from '../config';
import { resolveLocale } from '../i18n/translator';

/**
 * The locale to answer in: the Teams client's locale when it is one Trygg speaks, else the default.
 *
 * @param context - the turn
 * @param fallback - the configured default locale
 * @returns a supported locale
 */
export function turnLocale(context: TurnContext, fallback: Locale): Locale {
  const clientInfo = (context.activity.entities ?? []).find((e) => e.type === 'clientInfo') as
    | { locale?: string }
    | undefined;
  return resolveLocale(context.activity.locale ?? clientInfo?.locale, fallback);
}
