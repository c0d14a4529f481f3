/**
 * Keeps sends within Teams' limits: per conversation at most `perConversationPerSecond` sends in
 * any second and `perConversationPer30s` in any 30 seconds; per tenant `perTenantPerSecond` requests
 * in any second. A reservation returns the earliest moment a send may start and books it, so
 * concurrent senders never overshoot. Sends under the per-second limits are paced evenly (no bursts),
 * and every window can be widened by a margin against late starts. Times are milliseconds; the
 * clock is the caller's.
 */

/** The limits (configuration, so tests and benchmarks can scale them). */
export interface RateLimits {
  perConversationPerSecond: number;
  perConversationPer30s: number;
  perTenantPerSecond: number;
}

/** Teams' documented limits for a bot. */
export const TEAMS_LIMITS: RateLimits = { perConversationPerSecond: 7, perConversationPer30s: 60, perTenantPerSecond: 30 };

const EPS = 1e-6;

interface Window {
  key: string;
  limit: number;
  ms: number;
  /** Spread the window's sends evenly instead of allowing a burst at its start. */
  paced: boolean;
}

/** Sliding-window reservations per conversation and per tenant. */
export class SendRateLimiter {
  private readonly booked = new Map<string, number[]>();

  /**
   * @param limits - sends allowed per window
   * @param marginMs - added to every window, so that a send that starts a little late (a busy event
   *   loop) cannot crowd the window at the receiving end
   */
  constructor(
    private readonly limits: RateLimits,
    private readonly marginMs = 0,
  ) {}

  /**
   * Books the earliest allowed send time for a conversation.
   *
   * @param conversationKey - the conversation the send goes to
   * @param tenantId - the tenant it belongs to
   * @param now - the current time in ms
   * @returns the booked time (≥ now); wait until then before sending
   */
  reserve(conversationKey: string, tenantId: string, now: number): number {
    const windows: Window[] = [
      { key: `c:${conversationKey}`, limit: this.limits.perConversationPerSecond, ms: 1000 + this.marginMs, paced: true },
      { key: `c:${conversationKey}`, limit: this.limits.perConversationPer30s, ms: 30_000 + this.marginMs, paced: false },
      { key: `t:${tenantId}`, limit: this.limits.perTenantPerSecond, ms: 1000 + this.marginMs, paced: true },
    ];
    // Bookings per key are kept in time order: a new one never goes before an earlier one.
    let at = windows.reduce((t, w) => Math.max(t, this.times(w.key, now).at(-1) ?? t), now);
    for (let moved = true; moved; ) {
      moved = false;
      for (const w of windows) {
        const times = this.times(w.key, now);
        // Pacing: bursts would arrive bunched and crowd a window at the receiving end.
        const spaced = w.paced && times.length > 0 ? times[times.length - 1] + w.ms / w.limit : at;
        if (spaced > at + EPS) {
          at = spaced;
          moved = true;
        }
        // EPS: (t + ms) - ms can differ from t in the last bits of a float.
        const inWindow = times.filter((t) => t > at - w.ms + EPS);
        const free = inWindow.length >= w.limit ? inWindow[inWindow.length - w.limit] + w.ms : at;
        if (free > at + EPS) {
          at = free;
          moved = true;
        }
      }
    }
    for (const key of new Set(windows.map((w) => w.key))) this.times(key, now).push(at);
    return at;
  }

  /**
   * Gives a booking back (the send did not start at its time and will book again).
   *
   * @param conversationKey - as booked
   * @param tenantId - as booked
   * @param at - the booked time
   */
  release(conversationKey: string, tenantId: string, at: number): void {
    for (const key of [`c:${conversationKey}`, `t:${tenantId}`]) {
      const list = this.booked.get(key);
      const i = list?.lastIndexOf(at) ?? -1;
      if (list && i >= 0) list.splice(i, 1);
    }
  }

  /** Forgets bookings older than the longest window (bounded memory). */
  private times(key: string, now: number): number[] {
    let list = this.booked.get(key);
    if (!list) {
      list = [];
      this.booked.set(key, list);
    }
    while (list.length > 0 && list[0] <= now - 30_000 - this.marginMs) list.shift();
    return list;
  }
}
