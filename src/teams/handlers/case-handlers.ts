/**
 * Case handling from cards: viewing a case (a channel card's user-specific refresh, or a click),
 * opening an action's form, and performing it. The person is the one Teams names in the activity;
 * card data gives only the incident id, the action and the version the card showed.
 */
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../config';
import { translate } from '../../i18n/translator';
import type { CaseOutcome, CaseService } from '../../services/case-service';
import type { CardJson } from '../card-renderer';
import type { CaseViews } from '../case-views';
import type { MergingTurnState } from '../merging-turn-state';
import type { NotificationViews } from '../notification-views';
import { turnActor } from '../turn-actor';
import { turnLocale } from '../turn-locale';

/** What the case handlers need. */
export interface CaseHandlerDeps {
  cases: CaseService;
  caseViews: CaseViews;
  notificationViews: NotificationViews;
  defaultLocale: Locale;
}

type CardData = Record<string, unknown>;

/** The handlers, bound to their dependencies. */
export function caseHandlers(deps: CaseHandlerDeps) {
  const render = (context: TurnContext, actorId: string, outcome: CaseOutcome, viewing: boolean): CardJson | string => {
    const locale = turnLocale(context, deps.defaultLocale);
    switch (outcome.kind) {
      case 'not-found':
        return translate(locale, 'case.notFound');
      case 'forbidden':
        return translate(locale, 'case.forbidden');
      case 'redacted':
        return deps.notificationViews.redactedFor(outcome.incident, locale);
      case 'card':
        // A view says that the details are shown to this person only, and that the read is logged.
        if (viewing && !outcome.notice) return deps.notificationViews.detailsFor(outcome.incident, actorId, locale);
        return deps.caseViews.card(outcome.incident, actorId, locale, { notice: outcome.notice });
      case 'form':
        return deps.caseViews.form(outcome.incident, outcome.form, locale, outcome.raw, outcome.errors, outcome.notice);
    }
  };

  /** Runs a case use case for the person behind the turn; nobody identified → the refusal. */
  const asActor =
    (run: (actorId: string, data: CardData, clickedActivityId?: string) => Promise<CaseOutcome>, viewing = false) =>
    async (context: TurnContext, _state: MergingTurnState, data: CardData): Promise<CardJson | string> => {
      const actor = turnActor(context);
      if (!actor) return translate(turnLocale(context, deps.defaultLocale), 'case.forbidden');
      return render(context, actor.id, await run(actor.id, data ?? {}, context.activity.replyToId), viewing);
    };

  return {
    /** Verb case.view: the full case card, or the redacted card for anyone else. */
    onView: asActor((actorId, data) => deps.cases.view(actorId, data.incidentId), true),
    /** Verb case.form: the form of one action. */
    onForm: asActor((actorId, data) => deps.cases.openForm(actorId, data.incidentId, data.form)),
    /** Verb case.do: performs an action (one click, or a form's Save). */
    onDo: asActor((actorId, data, clicked) => deps.cases.act(actorId, data.incidentId, data.command, data.version, data, clicked)),
  };
}
