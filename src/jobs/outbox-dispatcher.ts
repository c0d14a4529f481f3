/**
 * Delivers the outbox: claims due notifications with a lease (so several processes can run),
 * keeps to Teams' rate limits, retries transient failures with backoff, falls back when a
 * recipient cannot be reached, gives up after a maximum age, and records every outcome in the
 * incident's timeline.
 */
import { personalKey, type Notification } from '../domain/notification';
import type { RateLimits } from '../domain/send-slots';
import type { Directory } from '../directory/directory';
import { SYSTEM_ACTOR_ID, type Incident } from '../domain/incident';
import { describeError, type Logger } from '../log';
import { VersionConflictError, type NewIncidentEvent, type Store } from '../store/ports';
import { DeliveryError, type Messenger } from './messenger';
import { fallbackFor, withFallbackAssignee } from './notification-fallback';
import { retryDelayMs, type Backoff } from './retry-policy';

/** Dispatcher settings (configuration). */
export interface DispatcherOptions {
  /** This process's name in leases. */
  owner: string;
  batchSize: number;
  leaseMs: number;
  pollMs: number;
  /** Give up on a notification this long after it was created. */
  maxAgeMs: number;
  backoff: Backoff;
  limits: RateLimits;
  /** Safety margin added to every rate window (ms). */
  limitMarginMs?: number;
}

/** What the dispatcher needs. */
export interface DispatcherDeps {
  store: Store;
  directory: Directory;
  messenger: Messenger;
  clock: () => Date;
  random: () => number;
  log: Logger;
  options: DispatcherOptions;
}

/** What waiting for a send slot came to. */
type SlotOutcome = { kind: 'send' } | { kind: 'stopping' } | { kind: 'later'; at: number };

/** The outbox dispatcher of one process. */
export class OutboxDispatcher {
  /** How late a send may start after its slot before it books again: half the window margin. */
  private readonly lateSlotMs: number;
  /**
   * The longest wait for a slot while holding a notification's lease: half the lease, so the send
   * ends well inside it. A later slot (a busy conversation, other processes' bookings) is given back
   * and the notification is handed back until then, so no other process takes it over and sends it too.
   */
  private readonly maxSlotWaitMs: number;
  /** Ends the waits for slots at once (stop()). */
  private readonly wakeWaits = new Set<() => void>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  /** Set by stop(): sends waiting for a slot are handed back instead of sent. */
  private stopping = false;
  private wakeRequested = false;

  /** @param deps - store, organisation, messenger, clock, randomness, logger, options */
  constructor(private readonly deps: DispatcherDeps) {
    this.lateSlotMs = Math.max(10, (deps.options.limitMarginMs ?? 0) / 2);
    this.maxSlotWaitMs = deps.options.leaseMs / 2;
  }

  /** Starts polling the outbox. */
  start(): void {
    this.stopped = false;
    this.stopping = false;
    this.schedule(0);
  }

  /** Asks for a run now (after a submit wrote new notifications). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  /**
   * Stops polling and waits for sends in progress, at most `timeoutMs`; sends waiting for a slot
   * give it back and hand their notification back at once. Work not finished by then stays claimed
   * until its lease ends, and is then taken over.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    for (const wake of [...this.wakeWaits]) wake();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }

  /**
   * Claims one batch and delivers it (tests and tools; the running dispatcher pipelines instead).
   *
   * @returns how many notifications were handled
   */
  async runOnce(): Promise<number> {
    const { store, options, clock } = this.deps;
    const batch = await store.outbox.claim(options.owner, clock(), options.leaseMs, options.batchSize);
    await Promise.all(batch.map((n) => this.handle(n)));
    return batch.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.loop().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  /**
   * Keeps up to `batchSize` sends in flight: claims more as sends finish, so one slow send
   * (a timeout) does not hold back the others. Returns when nothing is due and nothing in flight.
   */
  private async loop(): Promise<void> {
    const { store, options, clock } = this.deps;
    const inFlight = new Set<Promise<void>>();
    try {
      while (!this.stopped) {
        this.wakeRequested = false;
        const free = options.batchSize - inFlight.size;
        // Claims are fair between conversations, which costs a few index seeks per conversation:
        // top up in halves rather than after every send.
        const topUp = inFlight.size === 0 || free >= Math.ceil(options.batchSize / 2);
        const claimed = topUp ? await store.outbox.claim(options.owner, clock(), options.leaseMs, free) : [];
        for (const n of claimed) {
          const work: Promise<void> = this.handle(n).finally(() => inFlight.delete(work));
          inFlight.add(work);
        }
        if (inFlight.size === 0 && !this.wakeRequested) break;
        if (claimed.length === 0 || inFlight.size >= options.batchSize) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([...inFlight, new Promise((r) => (timer = setTimeout(r, options.pollMs)))]);
          clearTimeout(timer);
        }
      }
    } catch (err) {
      this.deps.log.error('outbox.loop_failed', describeError(err));
    }
    await Promise.all(inFlight);
    this.schedule(options.pollMs);
  }

  private async handle(n: Notification): Promise<void> {
    const { store, clock } = this.deps;
    try {
      const incident = await store.incidents.get(n.incidentId);
      if (!incident) return void (await this.settle({ ...n, status: 'dead', lastError: 'no-incident' }));
      if (n.kind === 'card-update') return await this.update(n, incident);
      const key = await this.conversationOf(n);
      if (!key) return await this.unreachable(n, incident, 'not-linked');
      // No budget is spent on someone the bot cannot reach.
      if (!(await store.conversations.get(key))) return await this.unreachable(n, incident, 'no-conversation');
      const slot = await this.slot(key, n.tenantId);
      if (slot.kind !== 'send') return await this.handBack(n, slot);
      const activityId = await this.deps.messenger.deliver(n, incident, key);
      const sentAt = clock().toISOString();
      await this.settle({ ...n, status: 'sent', attempts: n.attempts + 1, sentAt, activityId, conversationKey: key }, {
        type: 'notification-sent',
        at: sentAt,
        actorId: SYSTEM_ACTOR_ID,
        role: n.role,
      });
    } catch (err) {
      if (err instanceof DeliveryError && err.kind === 'unreachable' && n.kind !== 'card-update') {
        const incident = await store.incidents.get(n.incidentId);
        if (incident) return await this.unreachable(n, incident, err.status ? `status-${err.status}` : 'no-conversation');
      }
      const permanent = err instanceof DeliveryError && err.kind === 'permanent';
      const reason = err instanceof DeliveryError ? `status-${err.status ?? 'network'}` : 'error';
      if (!(err instanceof DeliveryError)) this.deps.log.warn('outbox.send_error', describeError(err));
      await this.retryOrGiveUp(n, reason, permanent, err instanceof DeliveryError ? err.retryAfterMs : undefined);
    }
  }

  /** Updates a card already sent, in place, to show the case as it is now. */
  private async update(n: Notification, incident: Incident): Promise<void> {
    const key = n.conversationKey;
    if (!key || !n.activityId) return void (await this.settle({ ...n, status: 'dead', lastError: 'nothing-to-update' }));
    const slot = await this.slot(key, n.tenantId);
    if (slot.kind !== 'send') return await this.handBack(n, slot);
    await this.deps.messenger.update(n, incident, key, n.activityId);
    await this.settle({ ...n, status: 'sent', attempts: n.attempts + 1, sentAt: this.deps.clock().toISOString() });
  }

  /**
   * Waits for a send slot, booked in the store so that every process sharing it keeps to the
   * limits together. A timer that fires late (a busy event loop) would bunch sends at the receiving
   * end, so a slot missed by more than a few milliseconds is given back and booked anew.
   *
   * @returns `send` at the slot's time; `stopping` or `later` (a slot beyond
   *   {@link maxSlotWaitMs}) with the slot given back — do not send then
   */
  private async slot(key: string, tenantId: string): Promise<SlotOutcome> {
    const { store, options } = this.deps;
    const now = () => this.deps.clock().getTime();
    for (;;) {
      const at = await store.sendSlots.book(key, tenantId, now(), options.limits, options.limitMarginMs ?? 0);
      const wait = at - now();
      if (wait > this.maxSlotWaitMs) {
        await store.sendSlots.release(key, tenantId, at);
        return { kind: 'later', at };
      }
      if (wait > 0 && !this.stopping) await this.sleep(wait);
      if (!this.stopping && now() - at <= this.lateSlotMs) return { kind: 'send' };
      await store.sendSlots.release(key, tenantId, at);
      if (this.stopping) return { kind: 'stopping' };
    }
  }

  /** Sleeps `ms`, or less when stop() ends the wait. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeWaits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeWaits.add(done);
    });
  }

  /** Gives a notification back unsent: now when stopping, or due at the slot it could not wait for. */
  private async handBack(n: Notification, slot: Exclude<SlotOutcome, { kind: 'send' }>): Promise<void> {
    await this.settle(slot.kind === 'later' ? { ...n, nextAttemptAt: new Date(slot.at).toISOString() } : n);
  }

  private async conversationOf(n: Notification): Promise<string | undefined> {
    if (n.target.kind === 'person') return personalKey(n.target.personId);
    const link = await this.deps.store.conversations.linkOf(n.target.districtId);
    return link?.channelKey;
  }

  private async retryOrGiveUp(n: Notification, reason: string, permanent: boolean, retryAfterMs?: number): Promise<void> {
    const now = this.deps.clock();
    const attempts = n.attempts + 1;
    const age = now.getTime() - Date.parse(n.createdAt);
    if (permanent || age >= this.deps.options.maxAgeMs) return this.giveUp({ ...n, attempts }, reason);
    const delay = retryDelayMs(attempts, this.deps.options.backoff, this.deps.random(), retryAfterMs);
    await this.settle(
      { ...n, attempts, lastError: reason, nextAttemptAt: new Date(now.getTime() + delay).toISOString() },
      attempts === 1 ? { type: 'notification-failed', at: now.toISOString(), actorId: SYSTEM_ACTOR_ID, role: n.role, reason } : undefined,
    );
  }

  private async unreachable(n: Notification, incident: Incident, reason: string): Promise<void> {
    const now = this.deps.clock();
    const next = fallbackFor(n, incident, this.deps.directory.current(), now);
    if (!next) return this.retryOrGiveUp(n, reason, false);
    // The fallback person handles the case before their card is queued, so it shows them as such.
    if (next.target.kind === 'person' && next.detail === 'full') await this.assign(incident.id, next.target.personId, next.role);
    await this.deps.store.outbox.add(next);
    await this.settle({ ...n, status: 'dead', attempts: n.attempts + 1, lastError: reason }, {
      type: 'notification-rerouted',
      at: now.toISOString(),
      actorId: SYSTEM_ACTOR_ID,
      role: n.role,
      reason: `${reason}; to ${next.role}`,
    });
  }

  /** Makes the person who got the full report in someone's place one of those handling the case. */
  private async assign(incidentId: string, personId: string, role: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const incident = await this.deps.store.incidents.get(incidentId);
      const next = incident && withFallbackAssignee(incident, personId);
      if (!incident || !next) return;
      try {
        const at = this.deps.clock().toISOString();
        await this.deps.store.incidents.change({
          next,
          expectedVersion: incident.version,
          event: { type: 'assigned', at, actorId: SYSTEM_ACTOR_ID, role, toIds: [personId], reason: 'fallback' },
          refreshCards: true,
        });
        return;
      } catch (err) {
        if (!(err instanceof VersionConflictError)) throw err;
      }
    }
  }

  private async giveUp(n: Notification, reason: string): Promise<void> {
    const at = this.deps.clock().toISOString();
    this.deps.log.error('outbox.gave_up', { notification: n.id, role: n.role, reason, attempts: n.attempts });
    await this.settle({ ...n, status: 'dead', lastError: reason }, { type: 'notification-dead', at, actorId: SYSTEM_ACTOR_ID, role: n.role, reason });
    if (n.target.kind === 'person' && n.kind !== 'card-update') {
      // Tell the coordinators that someone could not be reached (redacted, like every channel card).
      const now = this.deps.clock().toISOString();
      await this.deps.store.outbox.add({
        ...n,
        id: `${n.id}:alert`,
        role: 'security-coordinator',
        target: { kind: 'district-channel', districtId: n.districtId },
        detail: 'redacted',
        status: 'pending',
        attempts: 0,
        createdAt: now,
        nextAttemptAt: now,
        lastError: undefined,
        tried: [...n.tried, 'security-coordinator'],
      });
    }
  }

  private async settle(n: Notification, event?: NewIncidentEvent): Promise<void> {
    const kept = await this.deps.store.outbox.settle(n, this.deps.options.owner, event);
    if (!kept) this.deps.log.warn('outbox.lease_lost', { notification: n.id });
  }
}
