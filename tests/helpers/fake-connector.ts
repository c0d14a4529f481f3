import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activity: Record<string, any>;
  at: number;
  /** The activity id the fake answered with (a send's new id; an update's own id). */
  responseId: string;
}

/** A failure the fake connector answers with instead of accepting a send. */
export type Fault = { status: number; retryAfter?: string } | { hangMs: number };

/**
 * A fake Bot Connector on 127.0.0.1: records what the bot sends (replies, new activities,
 * updates) and answers like the real service. Stops itself after `maxLifetimeMs`.
 */
export class FakeConnector {
  /** Sends that were accepted (answered 200). */
  readonly calls: ConnectorCall[] = [];
  /** Every request, accepted or failed, with its time: what the service "saw". */
  readonly attempts: Array<{ conversationId: string; at: number; outcome: number | 'hang' }> = [];
  /** Receives `PUT /__faults` bodies (a process of its own is configured that way). */
  control?: (plan: unknown) => void;
  /** Decides, per request, whether to fail it instead of accepting it. */
  fault?: (conversationId: string, activity: Record<string, any>) => Fault | undefined;
  private readonly server: http.Server;
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  private nextId = 1;
  private lifetime?: NodeJS.Timeout;
  /** Delay before answering each call, to hold turns in flight. */
  delayMs = 0;

  constructor() {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  /** Starts listening on a free loopback port; returns the service URL to put in activities. */
  async start(maxLifetimeMs = 10 * 60_000): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.lifetime = setTimeout(() => void this.stop(), maxLifetimeMs);
    this.lifetime.unref();
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Calls whose activity is a message (replies and sends). */
  messages(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.activity.type === 'message' && (conversationId === undefined || c.conversationId === conversationId),
    );
  }

  /** Accepted in-place updates (`PUT …/activities/{activityId}`), optionally of one activity. */
  updates(activityId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && (activityId === undefined || c.responseId === activityId));
  }

  /** Resolves when at least `count` calls have arrived, or rejects after `timeoutMs`. */
  waitForCalls(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} connector calls, got ${this.calls.length}`)),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<void> {
    if (this.lifetime) clearTimeout(this.lifetime);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method === 'PUT' && req.url === '/__faults') {
      const body: Buffer[] = [];
      req.on('data', (c: Buffer) => body.push(c));
      req.on('end', () => {
        this.control?.(JSON.parse(Buffer.concat(body).toString('utf8')));
        res.writeHead(204).end();
      });
      return;
    }
    if (req.method === 'GET' && req.url === '/__log') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ calls: this.calls, attempts: this.attempts }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(path);
      let activity: Record<string, any> = {};
      try {
        activity = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {
        res.writeHead(400).end();
        return;
      }
      const conversationId = match ? decodeURIComponent(match[1]) : '';
      const fault = this.fault?.(conversationId, activity);
      if (fault && 'hangMs' in fault) {
        this.attempts.push({ conversationId, at: Date.now(), outcome: 'hang' });
        setTimeout(() => req.socket.destroy(), fault.hangMs);
        return;
      }
      if (fault) {
        this.attempts.push({ conversationId, at: Date.now(), outcome: fault.status });
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfter) headers['retry-after'] = fault.retryAfter;
        res.writeHead(fault.status, headers);
        res.end(JSON.stringify({ error: { code: 'Injected', message: 'injected' } }));
        return;
      }
      this.attempts.push({ conversationId, at: Date.now(), outcome: 200 });
      const updated = req.method === 'PUT' ? /\/activities\/([^/?]+)/.exec(path) : null;
      const responseId = updated ? decodeURIComponent(updated[1]) : `sent-${this.nextId++}`;
      this.calls.push({
        method: req.method ?? '',
        path,
        conversationId: match ? decodeURIComponent(match[1]) : '',
        activity,
        at: Date.now(),
        responseId,
      });
      this.waiters = this.waiters.filter((w) => (this.calls.length >= w.count ? (w.resolve(), false) : true));
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: responseId }));
      };
      if (this.delayMs > 0) setTimeout(answer, this.delayMs);
      else answer();
    });
  }
}
