/**
 * Loads the organisation directory again at an interval, so changes to it (a new manager, an
 * absence) reach routing, access and cards without a restart. A refresh that fails keeps the last
 * good organisation and is logged (the reason names the file and field, never people's data).
 */
import type { Directory, DirectoryRefresh } from '../directory/directory';
import { describeError, type Logger } from '../log';

/** Periodic directory refresh. */
export class DirectoryRefresher {
  private timer?: NodeJS.Timeout;
  /** The refresh in progress: a second call joins it, so two never finish out of order. */
  private running?: Promise<DirectoryRefresh>;

  /**
   * @param directory - the directory to refresh
   * @param log - the process logger
   * @param intervalMs - time between refreshes
   */
  constructor(
    private readonly directory: Directory,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {}

  /** Refreshes every interval. */
  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops refreshing. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Refreshes now.
   *
   * @returns what happened
   */
  async refresh(): Promise<DirectoryRefresh> {
    this.running ??= this.refreshNow().finally(() => (this.running = undefined));
    return this.running;
  }

  private async refreshNow(): Promise<DirectoryRefresh> {
    try {
      const result = await this.directory.refresh();
      if (result.kind === 'changed') this.log.info('directory.changed', {});
      if (result.kind === 'failed') this.log.warn('directory.refresh_failed', { reason: result.reason });
      return result;
    } catch (err) {
      this.log.error('directory.refresh_failed', describeError(err));
      return { kind: 'failed', reason: 'error' };
    }
  }
}
