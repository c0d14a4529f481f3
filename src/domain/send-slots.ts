/**
 * Teams' send limits as a pure rule: given the send slots already booked (by every process that
 * shares the store), the earliest moment a new send to a conversation may start. Per conversation
 * at most `perConversationPerSecond` sends in any second and `perConversationPer30s` in any 30
 * seconds; per tenant `perTenantPerSecond` requests in any second. Sends under the per-second
 * limits are paced evenly (no bursts), and every window can be widened by a margin against late
 * starts. Times are milliseconds since the epoch; the clock is the caller's.
 */

/** The limits (configuration, so tests and benchmarks can scale them). */
export interface RateLimits {
  perConversationPerSecond: number;
  perConversationPer30s: number;
  perTenantPerSecond: number;
}

/** Teams' documented limits for a bot. */
export const TEAMS_LIMITS: RateLimits = { perConversationPerSecond: 7, perConversationPer30s: 60, perTenantPerSecond: 30 };

/** The slots already booked that can matter for a new booking, each list in time order. */
export interface BookedSlots {
  /** Slots booked for the conversation. */
  conversation: readonly number[];
  /** Slots booked for the conversation's tenant (every conversation of it). */
  tenant: readonly number[];
}

/** How far back bookings matter, per scope (ms): older slots can be forgotten. */
export interface SlotHorizons {
  conversationMs: number;
  tenantMs: number;
}

/** A microsecond: above the rounding of ms since the epoch in a double (~0.25 µs). */
const EPS = 1e-3;

interface Window {
  times: readonly number[];
  limit: number;
  ms: number;
  /** Spread the window's sends evenly instead of allowing a burst at its start. */
  paced: boolean;
}

/**
 * How long bookings stay relevant: a slot older than this before `now` can neither fill a window
 * nor space a new send.
 *
 * @param marginMs - the margin added to every window
 * @returns the horizon per scope in ms
 */
export function slotHorizons(marginMs: number): SlotHorizons {
  return { conversationMs: 30_000 + marginMs, tenantMs: 1000 + marginMs };
}

/**
 * The earliest allowed send time for a conversation.
 *
 * @param booked - slots already booked for the conversation and for its tenant, in time order
 * @param now - the current time in ms
 * @param limits - sends allowed per window
 * @param marginMs - added to every window, so that a send that starts a little late (a busy event
 *   loop) cannot crowd the window at the receiving end
 * @returns the time to book (≥ now, and never before a slot already booked in either scope)
 */
export function earliestSendSlot(booked: BookedSlots, now: number, limits: RateLimits, marginMs = 0): number {
  const windows: Window[] = [
    { times: booked.conversation, limit: limits.perConversationPerSecond, ms: 1000 + marginMs, paced: true },
    { times: booked.conversation, limit: limits.perConversationPer30s, ms: 30_000 + marginMs, paced: false },
    { times: booked.tenant, limit: limits.perTenantPerSecond, ms: 1000 + marginMs, paced: true },
  ];
  // Bookings are kept in time order: a new one never goes before an earlier one.
  let at = windows.reduce((t, w) => Math.max(t, w.times.at(-1) ?? t), now);
  for (let moved = true; moved; ) {
    moved = false;
    for (const w of windows) {
      const last = w.times.at(-1);
      // Pacing: bursts would arrive bunched and crowd a window at the receiving end.
      const spaced = w.paced && last !== undefined ? last + w.ms / w.limit : at;
      if (spaced > at + EPS) {
        at = spaced;
        moved = true;
      }
      // EPS: (t + ms) - ms can differ from t in the last bits of a float.
      const inWindow = w.times.filter((t) => t > at - w.ms + EPS);
      const free = inWindow.length >= w.limit ? inWindow[inWindow.length - w.limit] + w.ms : at;
      if (free > at + EPS) {
        at = free;
        moved = true;
      }
    }
  }
  return at;
}
