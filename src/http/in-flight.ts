/** Counts requests in progress so a shutdown can wait for them to finish. */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  /**
   * Tracks one unit of work until its promise settles.
   *
   * @param work - the work
   * @returns the work's result
   */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.count--;
      if (this.count === 0) this.waiters.splice(0).forEach((w) => w());
    }
  }

  /** Requests in progress now. */
  get size(): number {
    return this.count;
  }

  /**
   * Resolves when nothing is in progress, or after `timeoutMs`.
   *
   * @param timeoutMs - the longest wait
   * @returns true if everything finished in time
   */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
