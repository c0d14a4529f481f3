/**
 * When to try a failed delivery again: exponential backoff with jitter, never sooner than the
 * service's Retry-After.
 */

/** Backoff settings in milliseconds. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/**
 * The delay before the next attempt.
 *
 * @param attempt - attempts made so far (1 after the first failure)
 * @param backoff - base and cap
 * @param random - a number in [0, 1) for jitter
 * @param retryAfterMs - the service's Retry-After, if it sent one
 * @returns milliseconds to wait
 */
export function retryDelayMs(attempt: number, backoff: Backoff, random: number, retryAfterMs?: number): number {
  const exponential = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential * (0.5 + random / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** What to do about a failed send. */
export type FailureKind = 'retry' | 'unreachable' | 'permanent';

/**
 * Classifies a Bot Connector failure.
 *
 * @param status - the HTTP status, or undefined for a network error or timeout
 * @returns retry (429, 412, 5xx, network), unreachable (403/404: the bot is not installed for that
 *   user or the conversation is gone), or permanent (other 4xx)
 */
export function classifyFailure(status: number | undefined): FailureKind {
  if (status === undefined || status === 429 || status === 412 || status >= 500) return 'retry';
  if (status === 403 || status === 404) return 'unreachable';
  return 'permanent';
}

/**
 * Parses a Retry-After header (seconds or an HTTP date).
 *
 * @param value - the header value
 * @param now - the current time in ms
 * @returns milliseconds, or undefined when absent or unreadable
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
