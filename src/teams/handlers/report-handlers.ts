/**
 * Route handlers of the guided report: commands in personal chat and the card verbs.
 * Each handler identifies the person from the activity, calls the reporting service and
 * renders the outcome.
 */
import type { TurnContext } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import type { Locale } from '../../config';
import { LIMITS } from '../../domain/report-schema';
import type { ReportingService, StepMove, StepOutcome } from '../../services/reporting-service';
import { translate, type MessageKey } from '../../i18n/translator';
import type { CardJson } from '../card-renderer';
import type { MergingTurnState } from '../merging-turn-state';
import type { ReportViews } from '../report-views';
import { isPersonalChat, turnActor } from '../turn-actor';
import { turnLocale } from '../turn-locale';

/** What the report handlers need. */
export interface ReportHandlerDeps {
  reporting: ReportingService;
  views: ReportViews;
  defaultLocale: Locale;
}

type CardData = Record<string, unknown>;

/** The handlers, bound to their dependencies. */
export function reportHandlers(deps: ReportHandlerDeps) {
  const locale = (context: TurnContext) => turnLocale(context, deps.defaultLocale);

  const render = (context: TurnContext, outcome: StepOutcome): CardJson => {
    const l = locale(context);
    switch (outcome.kind) {
      case 'step':
        return deps.views.step(outcome.draft, outcome.errors, l, outcome.notice);
      case 'saved':
        return deps.views.notice(l, 'report.savedTitle', 'report.saved', deps.views.ttlParams());
      case 'receipt':
        return deps.views.receipt(outcome.incident, outcome.recipients, l);
      case 'gone':
        return deps.views.notice(l, 'report.title', 'report.gone', deps.views.ttlParams());
      case 'forbidden':
        return deps.views.notice(l, 'report.title', 'report.forbidden');
    }
  };

  /** Sends a card as a new message. */
  const send = async (context: TurnContext, card: CardJson) => {
    await context.sendActivity(MessageFactory.attachment({ contentType: 'application/vnd.microsoft.card.adaptive', content: card }));
  };

  /** Commands that only make sense in personal chat answer elsewhere with a pointer there. */
  const personalOnly =
    (handler: (context: TurnContext, state: MergingTurnState) => Promise<void>) =>
    async (context: TurnContext, state: MergingTurnState) => {
      if (!isPersonalChat(context) || !turnActor(context)) {
        await context.sendActivity(translate(locale(context), 'report.personalOnly'));
        return;
      }
      await handler(context, state);
    };

  /** Card verbs refuse politely (a message, the card unchanged) when no person can be identified. */
  const verb =
    (handler: (context: TurnContext, data: CardData) => Promise<CardJson | string>) =>
    async (context: TurnContext, _state: MergingTurnState, data: CardData): Promise<CardJson | string> => {
      if (!turnActor(context)) return translate(locale(context), 'report.forbidden');
      return handler(context, typeof data === 'object' && data !== null ? data : {});
    };

  const move = (m: StepMove) =>
    verb(async (context, data) =>
      render(context, await deps.reporting.step(turnActor(context)!, String(data.draftId ?? ''), Number(data.version), data, m)),
    );

  const myReportsCard = async (
    context: TurnContext,
    notice?: { text: string; error?: boolean; incidentId?: string; typed?: string },
  ): Promise<CardJson> => {
    const actor = turnActor(context)!;
    const incidents = await deps.reporting.myReports(actor);
    const reports = await Promise.all(
      incidents.map(async (incident) => ({
        incident,
        additions: (await deps.reporting.timeline(incident.id)).filter((e) => e.type === 'information-added').length,
      })),
    );
    return deps.views.myReports(reports, locale(context), notice);
  };

  return {
    /** "rapportera": opens the person's unfinished report or a new one. */
    start: personalOnly(async (context) => send(context, render(context, await deps.reporting.start(turnActor(context)!)))),

    /** "fortsätt": the same as start; an unfinished report is resumed. */
    resume: personalOnly(async (context) => send(context, render(context, await deps.reporting.start(turnActor(context)!)))),

    /** "fara" / "danger": the 112 advice first. */
    danger: async (context: TurnContext) => send(context, deps.views.danger(locale(context))),

    /** "mina rapporter": the person's reports. */
    myReports: personalOnly(async (context) => send(context, await myReportsCard(context))),

    /** Verb report.danger (welcome card): replace with the 112 advice. */
    onDanger: verb(async (context) => deps.views.danger(locale(context))),

    /** Verb report.start (112 card): a report marked as made in danger. */
    onStart: verb(async (context, data) => {
      if (!isPersonalChat(context)) return translate(locale(context), 'report.personalOnly');
      return render(context, await deps.reporting.start(turnActor(context)!, data.danger === true));
    }),

    onNext: move('next'),
    onBack: move('back'),
    onSave: move('save'),

    /** Verb report.submit: validate everything, create the incident once, show the receipt. */
    onSubmit: verb(async (context, data) =>
      render(context, await deps.reporting.submit(turnActor(context)!, String(data.draftId ?? ''), Number(data.version), data)),
    ),

    /** Verb report.addInfo: a new event on the person's own report. */
    onAddInfo: verb(async (context, data) => {
      const l = locale(context);
      const incidentId = String(data.incidentId ?? '');
      const typed = data[`info-${incidentId}`];
      const result = await deps.reporting.addInformation(turnActor(context)!, incidentId, typed);
      if (result.kind === 'added') {
        return myReportsCard(context, { text: translate(l, 'myReports.added', { caseNumber: result.incident.caseNumber }) });
      }
      if (result.kind === 'invalid') {
        const text = translate(l, `report.error.${result.code}` as MessageKey, { max: LIMITS.addedInfoMax, min: 1 });
        return myReportsCard(context, { text, error: true, incidentId, typed: typeof typed === 'string' ? typed : '' });
      }
      return translate(l, result.kind === 'gone' ? 'myReports.notFound' : 'report.forbidden');
    }),
  };
}
