import * as http from 'node:http';
import { performance } from 'node:perf_hooks';

/** Where and how a load generator posts activities. */
export interface PostTarget {
  target: URL;
  agent: http.Agent;
  timeoutMs: number;
}

/**
 * POSTs JSON to the bot.
 *
 * @param to - the bot's endpoint, a keep-alive agent and a timeout
 * @param activity - the activity to post
 * @returns the status, the body text and the time to the last byte
 */
export function timedPost(to: PostTarget, activity: unknown): Promise<{ status: number; text: string; ms: number }> {
  const body = JSON.stringify(activity);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      to.target,
      {
        method: 'POST',
        agent: to.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: to.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`request timed out after ${to.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
