import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Locale } from '../config';
import { translate } from '../i18n/translator';
import { describeError, type Logger } from '../log';
import type { TryggAdapter } from './trygg-adapter';
import { turnLocale } from './turn-locale';

/**
 * Makes an unexpected error in a turn end in a short, localized apology to the user and a log
 * line without personal data, instead of silence.
 *
 * @param adapter - the adapter whose turns to guard
 * @param deps - logger and default locale
 */
export function installTurnErrorHandler(adapter: TryggAdapter, deps: { log: Logger; defaultLocale: Locale }): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    deps.log.error('turn.error', { type: context.activity.type, ...describeError(error) });
    if (context.activity.type !== 'message') throw error;
    try {
      await context.sendActivity(MessageFactory.text(translate(turnLocale(context, deps.defaultLocale), 'error.generic')));
    } catch (sendError) {
      deps.log.error('turn.error.reply_failed', describeError(sendError));
    }
  };
}
