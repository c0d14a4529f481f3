/**
 * A small closed-loop load generator: a fixed number of "users" each send one request, wait for the
 * answer, and send the next, until the request count (or the time limit) is reached.
 */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';

/** How much load to apply. */
export interface ClosedLoopOptions {
  /** Requests to send in total. */
  requests: number;
  /** Requests in flight at any time. */
  concurrency: number;
  /** No new request is started after this many milliseconds. */
  maxDurationMs: number;
  /** Sends request number `index`; resolves true when it succeeded. */
  send: (index: number) => Promise<boolean>;
}

/** What a closed-loop run measured. */
export interface ClosedLoopResult {
  /** Latency of every successful request, in completion order, in milliseconds. */
  latenciesMs: number[];
  /** Wall time from the first request to the last answer, in milliseconds. */
  elapsedMs: number;
  succeeded: number;
  failed: number;
  /** True when the time limit stopped the run before all requests were sent. */
  truncated: boolean;
}

/**
 * Runs a closed loop of `concurrency` senders until `requests` have been sent.
 *
 * @param options - request count, concurrency, time limit and the send function
 * @returns latencies, elapsed time and counts
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + options.maxDurationMs;
  const sender = async (): Promise<void> => {
    while (next < options.requests && performance.now() < deadline) {
      const index = next++;
      const t0 = performance.now();
      const ok = await options.send(index).catch(() => false);
      if (ok) latenciesMs.push(performance.now() - t0);
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, sender));
  return {
    latenciesMs,
    elapsedMs: performance.now() - started,
    succeeded: latenciesMs.length,
    failed,
    truncated: next < options.requests,
  };
}

/**
 * POSTs a JSON body over a keep-alive agent and drains the answer.
 *
 * @param agent - the HTTP agent (keep-alive, one socket per concurrent sender)
 * @param url - the target URL
 * @param body - the serialised JSON body
 * @param timeoutMs - fail the request after this long
 * @returns the HTTP status code
 */
export function postJson(agent: http.Agent, url: URL, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`request timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
