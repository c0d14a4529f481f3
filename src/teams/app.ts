import { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import type { Directory } from '../directory/directory';
import type { Locale } from '../config';
import type { ReportingService } from '../services/reporting-service';
import type { CardRenderer } from './card-renderer';
import { conversationHandlers } from './handlers/conversation-handlers';
import { reportHandlers } from './handlers/report-handlers';
import type { ConversationStore } from '../store/ports';
import type { CaseService } from '../services/case-service';
import type { CaseViews } from './case-views';
import { caseHandlers } from './handlers/case-handlers';
import type { NotificationViews } from './notification-views';
import { showWelcome, welcomeOnInstall } from './handlers/welcome';
import { MergingTurnState } from './merging-turn-state';
import type { ReportViews } from './report-views';
import type { TryggAdapter } from './trygg-adapter';
import { translate } from '../i18n/translator';
import { turnLocale } from './turn-locale';
import type { LagesbildService } from '../services/lagesbild-service';
import type { Logger } from '../log';
import { COMMAND_WORDS, commandPattern } from './coordinator-commands';
import { CaseListViews } from './case-list-views';
import { LagesbildViews } from './lagesbild-views';
import { lagesbildHandlers } from './handlers/lagesbild-handlers';
import { exportHandlers } from './handlers/export-handlers';
import { isPersonalChat } from './turn-actor';

/** What the route table needs. */
export interface AppDeps {
  adapter: TryggAdapter;
  storage: Storage;
  renderer: CardRenderer;
  reporting: ReportingService;
  reportViews: ReportViews;
  conversations: ConversationStore;
  cases: CaseService;
  caseViews: CaseViews;
  notificationViews: NotificationViews;
  lagesbild: LagesbildService;
  directory: Directory;
  clock: () => Date;
  defaultLocale: Locale;
  botAppId?: string;
  /** Where handlers report failures of outside services (no content, no personal data). */
  log?: Pick<Logger, 'warn'>;
}

/** A command typed alone (any case, surrounding spaces and a trailing full stop allowed). */
const command = (...words: string[]) => new RegExp(`^\\s*(${words.join('|')})\\s*[.!]?\\s*$`, 'i');

/**
 * Builds the teams-ai application and its route table, read top to bottom:
 * the first matching route handles the turn.
 *
 * @param deps - adapter, state storage, cards, services, default locale
 * @returns the application
 */
export function createApp(deps: AppDeps): Application<MergingTurnState> {
  const app = new Application<MergingTurnState>({
    adapter: deps.adapter,
    botAppId: deps.botAppId,
    storage: deps.storage,
    turnStateFactory: () => new MergingTurnState(),
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const welcome = { renderer: deps.renderer, defaultLocale: deps.defaultLocale, reporting: deps.reporting };
  const report = reportHandlers({ reporting: deps.reporting, views: deps.reportViews, defaultLocale: deps.defaultLocale });

  const places = conversationHandlers({
    conversations: deps.conversations,
    directory: deps.directory,
    defaultLocale: deps.defaultLocale,
    clock: deps.clock,
  });
  const cases = caseHandlers({
    cases: deps.cases,
    caseViews: deps.caseViews,
    notificationViews: deps.notificationViews,
    defaultLocale: deps.defaultLocale,
  });
  const coordinator = lagesbildHandlers({
    lagesbild: deps.lagesbild,
    views: new LagesbildViews(deps.renderer),
    lists: new CaseListViews(deps.renderer, deps.directory),
    conversations: deps.conversations,
    directory: deps.directory,
    clock: deps.clock,
    defaultLocale: deps.defaultLocale,
    viewCase: cases.onView,
  });
  const exports = exportHandlers({
    lagesbild: deps.lagesbild,
    directory: deps.directory,
    clock: deps.clock,
    defaultLocale: deps.defaultLocale,
    log: deps.log ?? { warn: () => undefined },
  });
  // Help: the welcome card in personal chat; the short command help in channels and group chats.
  const welcomeCard = showWelcome(welcome);
  const help = (context: TurnContext, state: MergingTurnState) => (isPersonalChat(context) ? welcomeCard(context, state) : coordinator.help(context, state));

  // Before every turn: keep state and where the conversation is
  app.turn('beforeTurn', countTurn);
  app.turn('beforeTurn', places.capture);

  // Install events
  app.conversationUpdate('membersAdded', welcomeOnInstall(welcome));

  // Reporting: commands (personal chat)
  app.message(command('rapportera', 'rapport', 'report', 'ny rapport', 'new report'), report.start);
  app.message(command('fortsätt', 'fortsatt', 'continue', 'resume'), report.resume);
  app.message(command('fara', 'fara nu', 'danger', 'danger now'), report.danger);
  app.message(command('mina rapporter', 'my reports'), report.myReports);

  // Reporting: card verbs
  app.adaptiveCards.actionExecute('report.danger', report.onDanger);
  app.adaptiveCards.actionExecute('report.start', report.onStart);
  app.adaptiveCards.actionExecute('report.next', report.onNext);
  app.adaptiveCards.actionExecute('report.back', report.onBack);
  app.adaptiveCards.actionExecute('report.save', report.onSave);
  app.adaptiveCards.actionExecute('report.submit', report.onSubmit);
  app.adaptiveCards.actionExecute('report.addInfo', report.onAddInfo);

  // Cases: the case card (also the user-specific view of a channel card), forms, actions
  app.adaptiveCards.actionExecute('case.view', cases.onView);
  app.adaptiveCards.actionExecute('case.form', cases.onForm);
  app.adaptiveCards.actionExecute('case.do', cases.onDo);

  // Lägesbild, case lists and export (channel @mentions and personal chat)
  app.message(commandPattern(COMMAND_WORDS.lagesbild), coordinator.lagesbild);
  app.message(commandPattern(COMMAND_WORDS.open), coordinator.cases);
  app.message(commandPattern(COMMAND_WORDS.overdue), coordinator.cases);
  app.message(commandPattern(COMMAND_WORDS.case), coordinator.findCase);
  app.message(commandPattern(COMMAND_WORDS.export), exports.request);
  app.adaptiveCards.actionExecute('cases.page', coordinator.onPage);
  app.fileConsentAccept(exports.onAccept);
  app.fileConsentDecline(exports.onDecline);

  // Any other card verb: a short message, the card unchanged
  app.adaptiveCards.actionExecute(/.*/, async (context) =>
    translate(turnLocale(context, deps.defaultLocale), 'card.unknownAction'),
  );

  // Organisation and coordinator channels
  app.message(/^\s*(koppla kanal|link channel)\b/i, places.link);
  app.message(command('organisation', 'organization'), places.organisation);

  // Help, and anything not understood
  app.message(command('hjälp', 'hjalp', 'help', '\\?'), help);
  app.activity(ActivityTypes.Message, help);

  return app;
}

/**
 * Counts the turns of a conversation: a durable, observable trace that state is kept. Card invokes
 * are not counted, so an invoke that changes no state writes none (invokes are the hot path).
 */
async function countTurn(context: TurnContext, state: MergingTurnState): Promise<boolean> {
  if (context.activity.type !== ActivityTypes.Invoke) state.conversation.turnCount = Number(state.conversation.turnCount ?? 0) + 1;
  return true;
}
