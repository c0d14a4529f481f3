/**
 * Builders for Teams-shaped inbound activities, as the Teams service (and the Agents Playground)
 * sends them: channelData.tenant, from.aadObjectId, conversation.conversationType.
 */
import { randomUUID } from 'node:crypto';

export const TENANT_ID = '00000000-0000-0000-0000-0000000000001';
export const BOT_ID = '28:trygg-bot';

/** A person in the demo organisation (ids as the Playground's mock users). */
export interface Person {
  name: string;
  aadObjectId: string;
}

export const ALEX: Person = { name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };
export const MEGAN: Person = { name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' };
/** Deputy manager of barn-unga-syd. */
export const ADELE: Person = { name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022' };
/** Security coordinator of district sodra. */
export const ISAIAH: Person = { name: 'Isaiah Langer', aadObjectId: '00000000-0000-0000-0000-0000000000023' };
/** Second-line manager of barn-unga-syd. */
export const PATTI: Person = { name: 'Patti Fernandez', aadObjectId: '00000000-0000-0000-0000-0000000000024' };
/** Safety representative of barn-unga-syd. */
export const LYNNE: Person = { name: 'Lynne Robbins', aadObjectId: '00000000-0000-0000-0000-0000000000025' };

export interface Options {
  serviceUrl: string;
  from?: Person;
  locale?: string;
  conversationId?: string;
}

function base(type: string, o: Options) {
  const from = o.from ?? ALEX;
  return {
    type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: { id: `29:${from.aadObjectId}`, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: BOT_ID, name: 'Trygg' },
    conversation: {
      id: o.conversationId ?? `a:personal-${from.aadObjectId}`,
      conversationType: 'personal',
      tenantId: TENANT_ID,
    },
    channelData: { tenant: { id: TENANT_ID } },
    locale: o.locale ?? 'sv-SE',
  };
}

/** A text message in personal chat. */
export function personalMessage(text: string, o: Options) {
  return { ...base('message', o), text, textFormat: 'plain' };
}

/** A message in a team channel that @mentions the bot. */
export function channelMention(text: string, o: Options & { teamId?: string; channelId?: string }) {
  const channel = o.channelId ?? '19:channel@thread.tacv2';
  const activity = base('message', { ...o, conversationId: o.conversationId ?? `${channel};messageid=1` });
  return {
    ...activity,
    text: `<at>Trygg</at> ${text}`,
    conversation: { ...activity.conversation, conversationType: 'channel', isGroup: true },
    channelData: { tenant: { id: TENANT_ID }, team: { id: o.teamId ?? '19:team@thread.tacv2' }, channel: { id: channel } },
    entities: [{ type: 'mention', text: '<at>Trygg</at>', mentioned: { id: BOT_ID, name: 'Trygg' } }],
  };
}

/** The bot being added to a personal chat. */
export function botInstalled(o: Options) {
  return { ...base('conversationUpdate', o), membersAdded: [{ id: BOT_ID }] };
}

/** An Action.Execute invoke from a card in personal chat. */
export function cardAction(verb: string, data: Record<string, unknown>, o: Options) {
  return {
    ...base('invoke', o),
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** An Action.Execute invoke from a card posted in a team channel (a refresh, or a button). */
export function channelCardAction(
  verb: string,
  data: Record<string, unknown>,
  o: Options & { channelId: string; messageId: string; teamId?: string },
) {
  const activity = cardAction(verb, data, { ...o, conversationId: `${o.channelId};messageid=${o.messageId}` });
  return {
    ...activity,
    replyToId: o.messageId,
    conversation: { ...activity.conversation, conversationType: 'channel', isGroup: true },
    channelData: { tenant: { id: TENANT_ID }, team: { id: o.teamId ?? '19:team@thread.tacv2' }, channel: { id: o.channelId } },
  };
}
