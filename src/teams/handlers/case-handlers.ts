/**
 * Viewing a case from a channel card: the card refreshes for the people named in its
 * `refresh.userIds`; the server decides, per person, whether they get the full details (logged as a
 * read in the timeline) or the redacted card. Anyone in a channel can send any invoke: nothing here
 * trusts card data beyond the incident id.
 */
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../config';
import { mayViewDetails } from '../../domain/access';
import type { Organisation } from '../../domain/organisation';
import { translate } from '../../i18n/translator';
import type { IncidentStore } from '../../store/ports';
import type { CardJson } from '../card-renderer';
import type { MergingTurnState } from '../merging-turn-state';
import type { NotificationViews } from '../notification-views';
import { turnActor } from '../turn-actor';
import { turnLocale } from '../turn-locale';

/** What the case handlers need. */
export interface CaseHandlerDeps {
  incidents: IncidentStore;
  organisation: Organisation;
  views: NotificationViews;
  defaultLocale: Locale;
  clock: () => Date;
}

/** The handlers, bound to their dependencies. */
export function caseHandlers(deps: CaseHandlerDeps) {
  return {
    /** Verb case.view (a channel card's refresh, or a click): full details or the redacted card. */
    onView: async (context: TurnContext, _state: MergingTurnState, data: Record<string, unknown>): Promise<CardJson | string> => {
      const locale = turnLocale(context, deps.defaultLocale);
      const incident = await deps.incidents.get(String(data?.incidentId ?? ''));
      if (!incident) return translate(locale, 'myReports.notFound');
      const actor = turnActor(context);
      if (!actor || !mayViewDetails(deps.organisation, actor.id, incident)) return deps.views.redactedFor(incident, locale);
      await deps.incidents.record(incident.id, { type: 'details-viewed', at: deps.clock().toISOString(), actorId: actor.id });
      return deps.views.detailsFor(incident, locale);
    },
  };
}
