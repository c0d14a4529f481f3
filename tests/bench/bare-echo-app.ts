/**
 * The benchmark's baseline: the smallest teams-ai v1 bot that does what a Trygg message turn does
 * at the protocol level — a `TeamsAdapter` without credentials (anonymous, like Trygg's local mode),
 * `MemoryStorage` turn state, and a message handler that echoes the text back through the
 * Bot Connector — served by a plain restify 11 server.
 */
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, MemoryStorage, type TurnContext } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';

/** A running baseline app. */
export interface BareEchoApp {
  /** `POST` endpoint for activities. */
  readonly messagesUrl: string;
  /** Closes the server. */
  stop(): Promise<void>;
}

/**
 * Starts the bare echo app on 127.0.0.1 and a free port.
 *
 * Typing indicators and long-running messages are off, as in Trygg, so both apps send exactly
 * one activity per turn.
 *
 * @returns the running app
 */
export async function startBareEchoApp(): Promise<BareEchoApp> {
  const adapter = new TeamsAdapter();
  const app = new Application({
    adapter,
    storage: new MemoryStorage(),
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  app.activity(ActivityTypes.Message, async (context: TurnContext) => {
    await context.sendActivity(context.activity.text);
  });

  const server = restify.createServer({ name: 'bare-echo' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    messagesUrl: `http://127.0.0.1:${port}/api/messages`,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections();
      await closed;
    },
  };
}
