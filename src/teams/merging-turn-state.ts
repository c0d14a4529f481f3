import { TurnState } from '@microsoft/teams-ai';
import type { Storage, TurnContext } from 'botbuilder';
import { StateConflictError } from '../store/ports';

/** Conversation-scope state Trygg keeps between turns. */
export interface ConversationState {
  [key: string]: unknown;
}

/** User-scope state Trygg keeps between turns. */
export interface UserState {
  [key: string]: unknown;
}

const MAX_MERGE_ATTEMPTS = 5;
const SCOPES = ['conversation', 'user'] as const;

type Snapshot = Record<(typeof SCOPES)[number], Record<string, string>>;

/**
 * Turn state that survives a lost race with another process.
 *
 * Turns of one conversation are serialized within a process, but another instance of the bot can
 * save the same conversation or user state in between. teams-ai then fails the turn with an eTag
 * conflict. Here the save re-reads the stored item and applies only the top-level properties this
 * turn changed (a three-way merge against what the turn loaded), retrying a few times.
 */
export class MergingTurnState extends TurnState<ConversationState, UserState> {
  private loaded?: Snapshot;

  /** @inheritdoc */
  override async load(context: TurnContext, storage?: Storage): Promise<boolean> {
    const didLoad = await super.load(context, storage);
    if (didLoad) this.loaded = { conversation: snapshot(this.conversation), user: snapshot(this.user) };
    return didLoad;
  }

  /** @inheritdoc */
  override async save(context: TurnContext, storage?: Storage): Promise<void> {
    try {
      await super.save(context, storage);
    } catch (err) {
      if (!storage || !this.loaded || !isConflict(err)) throw err;
      await this.mergeAndSave(context, storage, this.loaded);
    }
  }

  private async mergeAndSave(context: TurnContext, storage: Storage, base: Snapshot): Promise<void> {
    const keys = await this.onComputeStorageKeys(context);
    for (const scope of SCOPES) {
      const mine = this[scope] as Record<string, unknown>;
      const changed = Object.keys({ ...base[scope], ...mine }).filter(
        (k) => k !== 'eTag' && base[scope][k] !== stringify(mine[k]),
      );
      if (changed.length === 0) continue;
      for (let attempt = 1; ; attempt++) {
        const stored = (await storage.read([keys[scope]]))[keys[scope]] ?? {};
        const merged: Record<string, unknown> = { ...stored };
        for (const k of changed) {
          if (mine[k] === undefined) delete merged[k];
          else merged[k] = mine[k];
        }
        try {
          await storage.write({ [keys[scope]]: merged });
          break;
        } catch (err) {
          if (!isConflict(err) || attempt >= MAX_MERGE_ATTEMPTS) throw err;
        }
      }
    }
  }
}

function stringify(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

function snapshot(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringify(v)]));
}

function isConflict(err: unknown): boolean {
  return err instanceof StateConflictError || (err instanceof Error && /etag|conflict/i.test(err.message));
}
