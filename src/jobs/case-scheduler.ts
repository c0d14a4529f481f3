/**
 * Fires the durable timers of cases — reminders and escalations. Timers live in the store, so they
 * survive restarts; each is claimed with a lease and marked done in the same transaction as the
 * change it causes, so it fires once even when several processes run the scheduler.
 */
import { fireTimer, planTimers, type CasePolicy, type CaseTimer } from '../domain/case-timers';
import type { Directory } from '../directory/directory';
import { describeError, type Logger } from '../log';
import { LeaseLostError, VersionConflictError, type Store } from '../store/ports';

/** What the scheduler needs. */
export interface CaseSchedulerDeps {
  store: Store;
  directory: Directory;
  policy: CasePolicy;
  clock: () => Date;
  log: Logger;
  /** This process's name in leases. */
  owner: string;
  pollMs: number;
  leaseMs: number;
  /** Called after a timer queued notifications (wakes the outbox dispatcher). */
  onNotificationsQueued?: () => void;
}

/** The case scheduler of one process. */
export class CaseScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  /** @param deps - store, organisation, policy, clock, logger, lease owner and intervals */
  constructor(private readonly deps: CaseSchedulerDeps) {}

  /** Fires due timers now and then every poll interval. */
  start(): void {
    const tick = () => {
      this.running = this.runOnce().finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(() => {
      if (!this.running) tick();
    }, this.deps.pollMs);
    this.timer.unref();
  }

  /** Stops polling and waits for the timers being fired. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * Claims the due timers and fires them.
   *
   * @returns how many timers were handled
   */
  async runOnce(): Promise<number> {
    const { store, clock, owner, leaseMs } = this.deps;
    let handled = 0;
    try {
      for (;;) {
        const due = await store.timers.claim(owner, clock(), leaseMs, 50);
        for (const timer of due) await this.fire(timer);
        handled += due.length;
        if (due.length < 50) return handled;
      }
    } catch (err) {
      this.deps.log.error('scheduler.run_failed', describeError(err));
      return handled;
    }
  }

  private async fire(timer: CaseTimer): Promise<void> {
    const { store, directory, policy, clock, owner } = this.deps;
    for (let attempt = 0; attempt < 5; attempt++) {
      const incident = await store.incidents.get(timer.incidentId);
      const effect = incident ? fireTimer(incident, timer, directory.current(), clock()) : undefined;
      if (!incident || !effect) {
        await store.timers.finish(timer.id, owner);
        return;
      }
      try {
        await store.incidents.change({
          next: effect.next,
          expectedVersion: incident.version,
          event: effect.event,
          notifications: effect.notifications,
          refreshCards: effect.event.type === 'escalated',
          timers: planTimers(effect.next, policy),
          firedTimer: { id: timer.id, owner },
        });
        this.deps.log.info('scheduler.fired', { timer: timer.kind, notifications: effect.notifications.length });
        if (effect.notifications.length > 0) this.deps.onNotificationsQueued?.();
        return;
      } catch (err) {
        if (err instanceof LeaseLostError) return; // cancelled by a change, or taken over
        if (!(err instanceof VersionConflictError)) throw err;
        // The case changed while firing: decide again on the fresh state.
      }
    }
  }
}
