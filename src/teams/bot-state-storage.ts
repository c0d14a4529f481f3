import type { Storage, StoreItems } from 'botbuilder';
import type { StateStore } from '../store/ports';

/**
 * botbuilder `Storage` on Trygg's state store, so conversation and user state survive restarts.
 * Follows botbuilder's contract: an item's `eTag` makes the write conditional, `*` or none overwrites.
 */
export class BotStateStorage implements Storage {
  /** @param store - the state port of the configured store */
  constructor(private readonly store: StateStore) {}

  /** @inheritdoc */
  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.store.read(keys);
    const items: StoreItems = {};
    for (const [key, record] of found) items[key] = { ...record.value, eTag: record.etag };
    return items;
  }

  /** @inheritdoc */
  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as Record<string, unknown>;
      await this.store.write(key, value, typeof eTag === 'string' ? eTag : undefined);
    }
  }

  /** @inheritdoc */
  async delete(keys: string[]): Promise<void> {
    await this.store.delete(keys);
  }
}
