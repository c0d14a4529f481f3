/**
 * Ports: what the rest of Trygg needs from storage. Adapters live in `sqlite/` (embedded, default)
 * and later `cosmos/`. Every method is async so that a network store fits behind the same port.
 */

/** A stored conversation or user state item with its concurrency token. */
export interface StateRecord {
  value: Record<string, unknown>;
  etag: string;
}

/** Raised when a conditional write loses a race: the stored item changed since it was read. */
export class StateConflictError extends Error {
  constructor(readonly key: string) {
    super(`state conflict on key ${key}`);
    this.name = 'StateConflictError';
  }
}

/** Key/value store for bot conversation and user state, with optimistic concurrency. */
export interface StateStore {
  /** Reads the items that exist among `keys`. */
  read(keys: readonly string[]): Promise<Map<string, StateRecord>>;
  /**
   * Writes one item. With `expectedEtag` the write only succeeds if the stored item still has
   * that etag (or does not exist); without it (or with `*`) it overwrites.
   *
   * @returns the item's new etag
   * @throws {@link StateConflictError} when the stored etag differs
   */
  write(key: string, value: Record<string, unknown>, expectedEtag?: string): Promise<string>;
  /** Deletes the items; missing keys are ignored. */
  delete(keys: readonly string[]): Promise<void>;
}

/** Everything the application needs from one store. */
export interface Store {
  readonly state: StateStore;
  /** Resolves when the store answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  /** Releases connections and file handles. */
  close(): Promise<void>;
}
