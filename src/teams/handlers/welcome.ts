import type { TurnContext } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import type { Locale } from '../../config';
import type { CardRenderer } from '../card-renderer';
import type { MergingTurnState } from '../merging-turn-state';
import { turnLocale } from '../turn-locale';

/** What the welcome handlers need. */
export interface WelcomeDeps {
  renderer: CardRenderer;
  defaultLocale: Locale;
}

/**
 * Answers with the welcome card: what Trygg is for, how to report, and the 112 advice.
 *
 * @param deps - card renderer and default locale
 * @returns a route handler
 */
export function showWelcome(deps: WelcomeDeps) {
  return async (context: TurnContext, state: MergingTurnState): Promise<void> => {
    const locale = turnLocale(context, deps.defaultLocale);
    await context.sendActivity(MessageFactory.attachment(deps.renderer.attachment('welcome', locale)));
    state.conversation.welcomed = true;
  };
}

/**
 * Greets a personal chat once, when the bot is added to it.
 *
 * @param deps - card renderer and default locale
 * @returns a route handler for `membersAdded`
 */
export function welcomeOnInstall(deps: WelcomeDeps) {
  const welcome = showWelcome(deps);
  return async (context: TurnContext, state: MergingTurnState): Promise<void> => {
    const { activity } = context;
    const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id);
    const personal = activity.conversation.conversationType === 'personal';
    if (botAdded && personal && !state.conversation.welcomed) await welcome(context, state);
  };
}
