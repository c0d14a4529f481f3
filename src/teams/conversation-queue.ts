/**
 * Runs tasks one at a time per key (a conversation id) and concurrently across keys.
 * Owned by the composition root; holds only the tails of the queues that are busy.
 */
export class ConversationQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /**
   * Runs `task` after every earlier task with the same key has settled.
   *
   * @param key - the conversation id
   * @param task - the work to do
   * @returns the task's result
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Number of conversations with queued or running work. */
  get busyConversations(): number {
    return this.tails.size;
  }
}
