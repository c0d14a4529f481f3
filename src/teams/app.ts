import { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import type { Locale } from '../config';
import type { CardRenderer } from './card-renderer';
import { showWelcome, welcomeOnInstall } from './handlers/welcome';
import { MergingTurnState } from './merging-turn-state';
import type { TryggAdapter } from './trygg-adapter';

/** What the route table needs. */
export interface AppDeps {
  adapter: TryggAdapter;
  storage: Storage;
  renderer: CardRenderer;
  defaultLocale: Locale;
  botAppId?: string;
}

const HELP = /^\s*(hjälp|hjalp|help|\?)\s*$/i;

/**
 * Builds the teams-ai application and its route table, read top to bottom:
 * the first matching route handles the turn.
 *
 * @param deps - adapter, state storage, card renderer, default locale
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
  const welcome = { renderer: deps.renderer, defaultLocale: deps.defaultLocale };

  app.turn('beforeTurn', countTurn);

  // Install events
  app.conversationUpdate('membersAdded', welcomeOnInstall(welcome));

  // Messages and commands
  app.message(HELP, showWelcome(welcome));
  app.activity(ActivityTypes.Message, showWelcome(welcome)); // anything not understood

  return app;
}

/** Counts turns per conversation: a durable, observable trace that state is kept. */
async function countTurn(_context: TurnContext, state: MergingTurnState): Promise<boolean> {
  state.conversation.turnCount = Number(state.conversation.turnCount ?? 0) + 1;
  return true;
}
