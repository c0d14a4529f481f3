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
export const TEAMS_LIMITS: Readonly<RateLimits> = Object.freeze({ perConversationPerSecond: 7, perConversationPer30s: 60, perTenantPerSecond: 30 });

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

/**
 * A microsecond, added to every spacing: times since the epoch in a double round at about 0.25 µs,
 * and without it `limit` gaps of `1 s / limit` could add up to a hair under a second and put
 * `limit + 1` sends in one.
 */
const SLACK = 1e-3;

/** The largest margin configuration allows (ms): slots are kept at least this much longer. */
export const MAX_MARGIN_MS = 5000;

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
 * A conversation's sends keep their order: a new one goes after the conversation's last slot,
 * paced (`1 s / perConversationPerSecond` apart, so no burst crowds a second at the receiving
 * end) and within its 30 s window. The tenant's slots are kept `1 s / perTenantPerSecond` apart,
 * and a send may take a free gap between slots booked later for other conversations: one
 * conversation waiting for its 30 s window does not hold back the rest of the tenant. Slots kept
 * that far apart never put more than the limit in any window.
 *
 * @param booked - slots already booked for the conversation and for its tenant, in time order
 * @param now - the current time in ms
 * @param limits - sends allowed per window
 * @param marginMs - added to every window, so that a send that starts a little late (a busy event
 *   loop) cannot crowd the window at the receiving end
 * @returns the time to book (≥ now)
 */
export function earliestSendSlot(booked: BookedSlots, now: number, limits: RateLimits, marginMs = 0): number {
  const second = 1000 + marginMs;
  const window30s = 30_000 + marginMs;
  const last = booked.conversation.at(-1);
  let at = last === undefined ? now : Math.max(now, last + second / limits.perConversationPerSecond + SLACK);
  // Every slot of the conversation is before `at`: one step clears the 30 s window.
  const inWindow = booked.conversation.filter((t) => t > at - window30s);
  if (inWindow.length >= limits.perConversationPer30s) {
    at = Math.max(at, inWindow[inWindow.length - limits.perConversationPer30s] + window30s + SLACK);
  }
  const tenantGap = second / limits.perTenantPerSecond + SLACK;
  for (const t of booked.tenant) {
    if (t >= at + tenantGap) break;
    if (t > at - tenantGap) at = t + tenantGap;
  }
  return at;
}
