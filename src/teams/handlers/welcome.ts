import type { TurnContext } from 'botbuilder';
import { CardFactory, MessageFactory } from 'botbuilder';
import type { Locale } from '../../config';
import type { ReportingService } from '../../services/reporting-service';
import type { CardRenderer } from '../card-renderer';
import type { MergingTurnState } from '../merging-turn-state';
import { isPersonalChat, turnActor } from '../turn-actor';
import { turnLocale } from '../turn-locale';

/** What the welcome handlers need. */
export interface WelcomeDeps {
  renderer: CardRenderer;
  defaultLocale: Locale;
  reporting: ReportingService;
}

/**
 * Answers with the welcome card: what Trygg is for, how to report, and the 112 advice; in
 * personal chat it also offers to resume an unfinished report.
 *
 * @param deps - card renderer, default locale, reporting service
 * @returns a route handler
 */
export function showWelcome(deps: WelcomeDeps) {
  return async (context: TurnContext, state: MergingTurnState): Promise<void> => {
    const locale = turnLocale(context, deps.defaultLocale);
    const actor = turnActor(context);
    const hasDraft = actor && isPersonalChat(context) ? (await deps.reporting.openDraft(actor)) !== undefined : false;
    const card = deps.renderer.renderRemembered('welcome', locale, { hasDraft });
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    state.conversation.welcomed = true;
  };
}

/**
 * Greets a personal chat once, when the bot is added to it.
 *
 * @param deps - as for {@link showWelcome}
 * @returns a route handler for `membersAdded`
 */
export function welcomeOnInstall(deps: WelcomeDeps) {
  const welcome = showWelcome(deps);
  return async (context: TurnContext, state: MergingTurnState): Promise<void> => {
    const { activity } = context;
    const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id);
    if (botAdded && isPersonalChat(context) && !state.conversation.welcomed) await welcome(context, state);
  };
}
