/**
 * The coordinators' commands in a team channel (@Trygg …) and in personal chat: the lägesbild, the
 * open and overdue case lists with their pages, and finding a case by number. What a person may
 * see is decided by the lägesbild service (access in the domain); these handlers read what was
 * typed, ask, and render the answer — a refusal is a polite message, never an error.
 */
import type { TurnContext } from 'botbuilder';
import type { Directory } from '../../directory/directory';
import { CardFactory, MessageFactory } from 'botbuilder';
import type { Locale } from '../../config';
import { channelKey } from '../../domain/notification';
import type { Organisation } from '../../domain/organisation';
import { translate } from '../../i18n/translator';
import type { LagesbildService } from '../../services/lagesbild-service';
import type { ConversationStore } from '../../store/ports';
import type { CardJson } from '../card-renderer';
import type { CaseListViews } from '../case-list-views';
import { parseCoordinatorCommand, type CoordinatorCommand } from '../coordinator-commands';
import type { LagesbildViews } from '../lagesbild-views';
import type { MergingTurnState } from '../merging-turn-state';
import { isPersonalChat, turnActor } from '../turn-actor';
import { turnLocale } from '../turn-locale';

/** Cases per page of a list. */
export const CASES_PER_PAGE = 10;

/** What these handlers need. */
export interface LagesbildHandlerDeps {
  lagesbild: LagesbildService;
  views: LagesbildViews;
  lists: CaseListViews;
  conversations: ConversationStore;
  directory: Directory;
  clock: () => Date;
  defaultLocale: Locale;
  /** Opens a case for the person behind the turn, as the `case.view` verb does (the read is logged). */
  viewCase: (context: TurnContext, state: MergingTurnState, data: Record<string, unknown>) => Promise<CardJson | string>;
}

type CardData = Record<string, unknown>;

/**
 * The short message for a period or district that was not understood, if that is what was typed.
 *
 * @param command - the parsed command
 * @param org - the organisation (the district ids to suggest)
 * @param locale - the reader's locale
 * @returns the message, or undefined when the command was understood
 */
export function periodProblem(command: CoordinatorCommand | undefined, org: Organisation, locale: Locale): string | undefined {
  if (command?.kind === 'bad-period') {
    return translate(locale, 'lagesbild.badPeriod', { text: command.text, examples: translate(locale, 'lagesbild.periodExamples') });
  }
  if (command?.kind === 'unknown-district') {
    return translate(locale, 'lagesbild.unknownDistrict', { text: command.text, ids: org.districts.map((d) => d.id).join(', ') });
  }
  return undefined;
}

/** The handlers, bound to their dependencies. */
export function lagesbildHandlers(deps: LagesbildHandlerDeps) {
  const locale = (context: TurnContext) => turnLocale(context, deps.defaultLocale);
  const parse = (context: TurnContext) => parseCoordinatorCommand(context.activity.text ?? '', deps.directory.current(), deps.clock());
  const sendCard = (context: TurnContext, card: CardJson) => context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));

  /** The district of the coordinator channel the turn is in, if it is one. */
  const channelDistrict = async (context: TurnContext): Promise<string | undefined> => {
    const channelId = (context.activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    if (context.activity.conversation?.conversationType !== 'channel' || !channelId) return undefined;
    return (await deps.conversations.links()).find((l) => l.channelKey === channelKey(channelId))?.districtId;
  };

  /** One page of a list for the person behind the turn, or the refusal. */
  const listCard = async (context: TurnContext, overdueOnly: boolean, page: number): Promise<CardJson | string> => {
    const l = locale(context);
    const actor = turnActor(context);
    const result = actor ? await deps.lagesbild.cases(actor.id, { overdueOnly, page, pageSize: CASES_PER_PAGE }) : { kind: 'forbidden' as const };
    if (result.kind !== 'ok') return translate(l, 'cases.forbidden');
    return deps.lists.list(result, { overdueOnly, showHolders: isPersonalChat(context), now: deps.clock() }, l);
  };

  const reply = async (context: TurnContext, answer: CardJson | string) => {
    await (typeof answer === 'string' ? context.sendActivity(answer) : sendCard(context, answer));
  };

  return {
    /** `lägesbild [period] [förvaltning]`: the card, a refusal, or what was not understood. */
    lagesbild: async (context: TurnContext, _state: MergingTurnState): Promise<void> => {
      const l = locale(context);
      const organisation = deps.directory.current();
      const command = parseCoordinatorCommand(context.activity.text ?? '', organisation, deps.clock());
      const problem = periodProblem(command, organisation, l);
      if (problem) return void (await context.sendActivity(problem));
      if (command?.kind !== 'lagesbild') return;
      const actor = turnActor(context);
      if (!actor) return void (await context.sendActivity(translate(l, 'lagesbild.forbidden')));
      const ask = (districtId?: string) => deps.lagesbild.lagesbild(actor.id, { period: command.period, districtId });
      // In a coordinator channel, its district unless another was named; the whole scope if that is not the person's.
      const implied = command.districtId === undefined ? await channelDistrict(context) : undefined;
      let result = await ask(command.districtId ?? implied);
      if (implied && result.kind === 'forbidden') result = await ask();
      if (result.kind === 'unknown-district') {
        return void (await context.sendActivity(periodProblem({ kind: 'unknown-district', command: 'lagesbild', text: command.districtId ?? '' }, organisation, l)!));
      }
      if (result.kind !== 'ok') return void (await context.sendActivity(translate(l, 'lagesbild.forbidden')));
      await sendCard(context, deps.views.card(result.view, l));
    },

    /** `öppna [sida N]` / `försenade [sida N]`. */
    cases: async (context: TurnContext, _state: MergingTurnState): Promise<void> => {
      const command = parse(context);
      if (command?.kind !== 'cases') return;
      await reply(context, await listCard(context, command.overdueOnly, command.page));
    },

    /** Verb cases.page: another page of the list, for the person who selected it. */
    onPage: async (context: TurnContext, _state: MergingTurnState, data: CardData): Promise<CardJson | string> => {
      const page = Number(data?.page);
      return listCard(context, data?.overdueOnly === true, Number.isInteger(page) && page >= 1 ? page : 1);
    },

    /** `ärende <nr>`: the case card in personal chat; in a channel a card that opens it for whoever may see it. */
    findCase: async (context: TurnContext, state: MergingTurnState): Promise<void> => {
      const l = locale(context);
      const command = parse(context);
      if (command?.kind !== 'case') return void (await context.sendActivity(translate(l, 'caseLookup.usage')));
      const actor = turnActor(context);
      const found = actor ? await deps.lagesbild.findCase(actor.id, command.caseNumber) : { kind: 'forbidden' as const };
      if (found.kind === 'forbidden') return void (await context.sendActivity(translate(l, 'caseLookup.forbidden', { caseNumber: command.caseNumber })));
      if (found.kind === 'not-found') return void (await context.sendActivity(translate(l, 'caseLookup.notFound', { caseNumber: command.caseNumber })));
      if (!isPersonalChat(context)) return void (await sendCard(context, deps.lists.caseOpener(found.incidentId, command.caseNumber, l)));
      await reply(context, await deps.viewCase(context, state, { incidentId: found.incidentId }));
    },

    /** Help and anything not understood, in a channel or group chat: the short command help. */
    help: async (context: TurnContext, _state: MergingTurnState): Promise<void> => {
      await sendCard(context, deps.lists.help(locale(context)));
    },
  };
}
