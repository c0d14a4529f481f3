import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activity: Record<string, any>;
  at: number;
}

/**
 * A fake Bot Connector on 127.0.0.1: records what the bot sends (replies, new activities,
 * updates) and answers like the real service. Stops itself after `maxLifetimeMs`.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
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
      this.calls.push({
        method: req.method ?? '',
        path,
        conversationId: match ? decodeURIComponent(match[1]) : '',
        activity,
        at: Date.now(),
      });
      this.waiters = this.waiters.filter((w) => (this.calls.length >= w.count ? (w.resolve(), false) : true));
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `sent-${this.nextId++}` }));
      };
      if (this.delayMs > 0) setTimeout(answer, this.delayMs);
      else answer();
    });
  }
}
