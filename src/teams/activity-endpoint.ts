import type { Application } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import { describeError, type Logger } from '../log';
import type { ConversationQueue } from './conversation-queue';
import type { MergingTurnState } from './merging-turn-state';
import type { TryggAdapter } from './trygg-adapter';

/** What the HTTP layer sends back for one POST to /api/messages. */
export interface EndpointResult {
  status: number;
  body?: unknown;
}

/** Dependencies of the activity endpoint. */
export interface ActivityEndpointDeps {
  adapter: TryggAdapter;
  app: Application<MergingTurnState>;
  queue: ConversationQueue;
  log: Logger;
}

/** Processes one inbound activity; the HTTP layer only parses and writes. */
export type ActivityEndpoint = (body: unknown, authHeader: string) => Promise<EndpointResult>;

/**
 * Creates the handler behind `POST /api/messages`: authenticate, then run the turn, one turn at a
 * time per conversation. Authentication failures of any kind are 401; nothing the SDK says about
 * them is returned or logged.
 *
 * @param deps - adapter, application, per-conversation queue and logger
 * @returns the endpoint function
 */
export function createActivityEndpoint(deps: ActivityEndpointDeps): ActivityEndpoint {
  return async (body, authHeader) => {
    if (!isActivity(body)) return { status: 400, body: { error: 'bad_request' } };
    const activity = body;
    let auth;
    try {
      auth = await deps.adapter.authenticate(activity, authHeader);
    } catch (err) {
      deps.log.warn('auth.rejected', { error: err instanceof Error ? err.name : typeof err });
      return { status: 401, body: { error: 'unauthorized' } };
    }
    const started = Date.now();
    try {
      const invoke = await deps.queue.run(activity.conversation?.id ?? '', () =>
        deps.adapter.processAuthenticated(auth, activity, async (context) => {
          await deps.app.run(context);
        }),
      );
      deps.log.debug('turn.done', { type: activity.type, ms: Date.now() - started });
      return { status: invoke?.status ?? 200, body: invoke?.body };
    } catch (err) {
      deps.log.error('turn.failed', { type: activity.type, ...describeError(err) });
      return { status: 500, body: { error: 'internal_error' } };
    }
  };
}

function isActivity(body: unknown): body is Activity {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const a = body as Partial<Activity>;
  return typeof a.type === 'string' && a.type.length > 0 && typeof a.serviceUrl === 'string' && typeof a.conversation?.id === 'string';
}
