import type { TurnContext } from 'botbuilder';
import type { Actor } from '../services/actor';

/**
 * The person behind a turn, from the activity Teams signed — never from card data.
 *
 * @param context - the turn
 * @returns the actor, or undefined when the activity names no Entra user
 */
export function turnActor(context: TurnContext): Actor | undefined {
  const { from, conversation, channelData } = context.activity;
  const id = from?.aadObjectId;
  if (!id) return undefined;
  const tenantId = (channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? conversation?.tenantId ?? '';
  return { id, name: from.name ?? '', tenantId };
}

/**
 * Whether the turn is in the person's 1:1 chat with the bot.
 *
 * @param context - the turn
 * @returns true in personal chat
 */
export function isPersonalChat(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'personal';
}
