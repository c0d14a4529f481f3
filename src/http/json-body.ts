/**
 * Reads a request body as JSON, with a size limit. Replaces restify's body parser on
 * `/api/messages`: that parser allocates with the deprecated `new Buffer()` on every request,
 * which prints a warning and walks the stack each time, and it accepts forms the Bot Framework
 * never sends.
 */
import type { IncomingMessage } from 'node:http';

/** A body, or why there is none: 413 over the limit, 400 not JSON, or the client went away. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413 } | { ok: false; aborted: true };

/**
 * Reads the whole body and parses it. A body over the limit is not read further.
 *
 * @param req - the request (its body not yet read)
 * @param maxBytes - the largest body accepted
 * @returns the parsed JSON, the status to answer with, or `aborted` when the client closed the
 *   connection before the body ended (nobody to answer)
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, status: 413 };
  const chunks: Buffer[] = [];
  const read = await new Promise<'ok' | 'too-large' | 'aborted'>((resolve) => {
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Stop here; Node discards the rest of the body once the answer is sent.
      req.off('data', onData);
      req.off('end', onEnd);
      chunks.length = 0;
      resolve('too-large');
    };
    const onEnd = () => resolve('ok');
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', () => resolve('aborted'));
    req.once('close', () => resolve(req.complete ? 'ok' : 'aborted'));
  });
  if (read === 'aborted') return { ok: false, aborted: true };
  if (read === 'too-large') return { ok: false, status: 413 };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400 };
  }
}
