/**
 * Where the bot can reach people and channels: conversation references captured on install and
 * on every turn, removed on uninstall; linking a team channel as a district's coordinator channel;
 * and the "organisation" command that shows the routing set-up.
 */
import { TurnContext } from 'botbuilder';
import type { Directory } from '../../directory/directory';
import type { Locale } from '../../config';
import { may } from '../../domain/access';
import { channelKey, personalKey } from '../../domain/notification';
import { translate } from '../../i18n/translator';
import type { ConversationStore } from '../../store/ports';
import type { MergingTurnState } from '../merging-turn-state';
import { turnActor } from '../turn-actor';
import { turnLocale } from '../turn-locale';

/** What these handlers need. */
export interface ConversationHandlerDeps {
  conversations: ConversationStore;
  directory: Directory;
  defaultLocale: Locale;
  clock: () => Date;
}

/** The team channel a turn happened in, if any. */
function channelIdOf(context: TurnContext): string | undefined {
  const data = context.activity.channelData as { channel?: { id?: string } } | undefined;
  return context.activity.conversation?.conversationType === 'channel' ? data?.channel?.id : undefined;
}

/** The key and reference to store for a turn's conversation. */
function referenceOf(context: TurnContext): { key: string; reference: Record<string, unknown> } | undefined {
  // The id of the activity that happened to arrive is not part of where the conversation is.
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(context.activity) as Record<string, unknown>;
  const { conversation } = context.activity;
  if (conversation?.conversationType === 'personal' && context.activity.from?.aadObjectId) {
    return { key: personalKey(context.activity.from.aadObjectId), reference };
  }
  const channelId = channelIdOf(context);
  if (channelId) {
    // Proactive posts go to the channel itself, not to the thread the message was in; and to no one
    // in particular — the person who last spoke there would otherwise be named as each card's recipient.
    const { user: _user, ...channel } = reference;
    return { key: channelKey(channelId), reference: { ...channel, conversation: { ...conversation, id: channelId } } };
  }
  return undefined;
}

/** The handlers, bound to their dependencies. */
export function conversationHandlers(deps: ConversationHandlerDeps) {
  const locale = (context: TurnContext) => turnLocale(context, deps.defaultLocale);
  return {
    /** beforeTurn: remembers (or refreshes) where this conversation is; forgets it on uninstall. */
    capture: async (context: TurnContext, state: MergingTurnState): Promise<boolean> => {
      const found = referenceOf(context);
      if (!found) return true;
      const { activity } = context;
      const removed =
        (activity.type === 'installationUpdate' && /^remove/.test(String(activity.action))) ||
        (activity.membersRemoved ?? []).some((m) => m.id === activity.recipient?.id);
      if (removed) {
        await deps.conversations.remove(found.key);
        delete state.conversation.savedReference;
      } else if (activity.type !== 'installationUpdate' || /^add/.test(String(activity.action))) {
        // Written when it changed (service URL, locale …), not on every turn.
        const fingerprint = JSON.stringify([found.key, found.reference]);
        if (state.conversation.savedReference !== fingerprint) {
          await deps.conversations.save(found.key, found.reference, deps.clock());
          state.conversation.savedReference = fingerprint;
        }
      }
      return true;
    },

    /** "koppla kanal <förvaltning>" in a team channel, by a coordinator of that district or an admin. */
    link: async (context: TurnContext, _state: MergingTurnState): Promise<void> => {
      const l = locale(context);
      const org = deps.directory.current();
      const ids = org.districts.map((d) => d.id).join(', ');
      const channelId = channelIdOf(context);
      if (!channelId) return void (await context.sendActivity(translate(l, 'link.channelOnly')));
      const districtId = (context.activity.text ?? '').trim().split(/\s+/).slice(2).join(' ').toLowerCase();
      if (!districtId) return void (await context.sendActivity(translate(l, 'link.usage', { ids })));
      const district = org.districts.find((d) => d.id === districtId);
      if (!district) return void (await context.sendActivity(translate(l, 'link.unknownDistrict', { id: districtId, ids })));
      const actor = turnActor(context);
      if (!actor || !may(org, actor.id, 'link-channel', district.id)) {
        return void (await context.sendActivity(translate(l, 'link.notAllowed')));
      }
      await deps.conversations.link({
        districtId: district.id,
        channelKey: channelKey(channelId),
        linkedBy: actor.id,
        linkedAt: deps.clock().toISOString(),
      });
      await context.sendActivity(translate(l, 'link.done', { district: district.name }));
    },

    /** "organisation": districts, units with their managers, and whether each channel is linked. */
    organisation: async (context: TurnContext, _state: MergingTurnState): Promise<void> => {
      const l = locale(context);
      const org = deps.directory.current();
      const lines = [`**${translate(l, 'org.title')}**`];
      for (const district of org.districts) {
        const link = await deps.conversations.linkOf(district.id);
        lines.push('', `**${translate(l, 'org.district', { name: district.name, id: district.id })}**`);
        lines.push(link ? translate(l, 'org.channelLinked') : translate(l, 'org.channelMissing', { id: district.id }));
        for (const unit of org.units.filter((u) => u.districtId === district.id)) {
          lines.push(`- ${translate(l, 'org.unitLine', { unit: unit.name, manager: org.people[unit.managerId] ?? '?' })}`);
        }
      }
      await context.sendActivity(lines.join('\n'));
    },
  };
}
