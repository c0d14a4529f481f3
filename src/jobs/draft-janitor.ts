/**
 * Removes unfinished reports (drafts) past their expiry, so that nothing typed is kept longer than
 * the configured time (privacy rule 5: drafts expire). Runs at start and then periodically.
 */
import { describeError, type Logger } from '../log';
import type { DraftStore } from '../store/ports';

/** Periodic purge of expired drafts. */
export class DraftJanitor {
  private timer?: NodeJS.Timeout;

  /**
   * @param drafts - the draft store
   * @param clock - the current time
   * @param log - for counts, never content
   * @param intervalMs - time between purges
   */
  constructor(
    private readonly drafts: DraftStore,
    private readonly clock: () => Date,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {}

  /** Purges once now and then every interval. */
  start(): void {
    void this.purge();
    this.timer = setInterval(() => void this.purge(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the periodic purge. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Removes the expired drafts now.
   *
   * @returns how many were removed
   */
  async purge(): Promise<number> {
    try {
      const removed = await this.drafts.purgeExpired(this.clock());
      if (removed > 0) this.log.info('drafts.purged', { removed });
      return removed;
    } catch (err) {
      this.log.error('drafts.purge_failed', describeError(err));
      return 0;
    }
  }
}
