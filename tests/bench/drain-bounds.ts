/**
 * The least time a backlog of sends can take under sliding-window rate limits, as Trygg's
 * `earliestSendSlot` applies them: at most `limit` sends start in any window of `windowMs`
 * (a send at t counts the sends at t' with t' > t − windowMs).
 */

/** The limits that bound a drain (the same as `RateLimits` in src/domain/send-slots.ts). */
export interface DrainLimits {
  perConversationPerSecond: number;
  perConversationPer30s: number;
  perTenantPerSecond: number;
}

/** The bounds of a drain, in milliseconds from the first send's start to the last send's start. */
export interface DrainBounds {
  /** Sends in the busiest conversation: ⌈N ÷ C⌉. */
  sendsPerConversation: number;
  /** ⌊(N − 1) ÷ tenantPerSecond⌋ × (1 s + margin). */
  tenantMs: number;
  /** ⌊(n − 1) ÷ perConversationPerSecond⌋ × (1 s + margin). */
  conversation1sMs: number;
  /** ⌊(n − 1) ÷ perConversationPer30s⌋ × (30 s + margin). */
  conversation30sMs: number;
  /** The largest of the three: no schedule can be shorter. */
  minimumMs: number;
  /** Which bound that is. */
  binding: 'tenant' | 'conversation-1s' | 'conversation-30s';
}

/**
 * The earliest start of the last of `sends` sends on one key when at most `limit` may start in
 * any window of `windowMs`: send j may start no earlier than ⌊j ÷ limit⌋ × windowMs after the first
 * (sends j and j − limit must be a full window apart), and bursts of `limit` reach that.
 *
 * @param sends - sends on the key (≥ 0)
 * @param limit - sends allowed per window (≥ 1)
 * @param windowMs - the window
 * @returns milliseconds from the first send's start to the last one's
 */
export function windowBoundMs(sends: number, limit: number, windowMs: number): number {
  return sends <= 1 ? 0 : Math.floor((sends - 1) / limit) * windowMs;
}

/**
 * The minimum drain time of `total` sends spread evenly over `conversations` conversations of one
 * tenant: the largest of the tenant bound and the two per-conversation bounds. With an even spread
 * the bounds do not interfere as long as a tenant burst fits the conversations' per-second limits
 * (`tenantPerSecond ≤ C × perConversationPerSecond`), so the minimum is reachable.
 *
 * @param total - sends in the backlog (N)
 * @param conversations - conversations they go to (C)
 * @param limits - the configured limits
 * @param marginMs - safety margin added to every window (0 for the pure limits)
 * @returns the bounds
 */
export function drainBounds(total: number, conversations: number, limits: DrainLimits, marginMs = 0): DrainBounds {
  const n = Math.ceil(total / conversations);
  const bounds = {
    tenant: windowBoundMs(total, limits.perTenantPerSecond, 1000 + marginMs),
    'conversation-1s': windowBoundMs(n, limits.perConversationPerSecond, 1000 + marginMs),
    'conversation-30s': windowBoundMs(n, limits.perConversationPer30s, 30_000 + marginMs),
  };
  const binding = (Object.keys(bounds) as Array<keyof typeof bounds>).reduce((a, b) => (bounds[b] > bounds[a] ? b : a));
  return {
    sendsPerConversation: n,
    tenantMs: bounds.tenant,
    conversation1sMs: bounds['conversation-1s'],
    conversation30sMs: bounds['conversation-30s'],
    minimumMs: bounds[binding],
    binding,
  };
}
