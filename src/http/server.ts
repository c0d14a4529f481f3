import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { Logger } from '../log';
import type { ActivityEndpoint } from '../teams/activity-endpoint';
import { InFlight } from './in-flight';
import { readJsonBody } from './json-body';

/** Dependencies of the HTTP server. */
export interface HttpServerDeps {
  endpoint: ActivityEndpoint;
  /** Resolves when the store answers; rejects otherwise. */
  checkStore: () => Promise<void>;
  /** Details shown by /readyz (e.g. the outbox's pending and dead notifications). */
  readiness?: () => Promise<Record<string, unknown>>;
  maxBodyBytes: number;
  log: Logger;
}

/** The restify server: `POST /api/messages`, `GET /healthz`, `GET /readyz`. */
export class HttpServer {
  private readonly server: restify.Server;
  private readonly inFlight = new InFlight();
  private draining = false;

  /** @param deps - endpoint, store check, body limit and logger */
  constructor(private readonly deps: HttpServerDeps) {
    this.server = restify.createServer({ name: 'trygg', handleUncaughtExceptions: false });
    this.server.server.requestTimeout = 60_000;
    this.server.server.headersTimeout = 20_000;
    this.server.post('/api/messages', async (req, res) => this.onActivity(req, res));
    this.server.get('/healthz', async (_req, res) => this.send(res, 200, { status: 'ok' }));
    this.server.get('/readyz', async (_req, res) => this.onReady(res));
    this.server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, next: () => void) => {
      // Let restify answer what it rejects (404, 405, timeouts) but keep bodies free of detail;
      // /api/messages reads its own body (413 too large, 400 not JSON: see json-body.ts).
      const status = err.statusCode ?? 500;
      deps.log.warn('http.rejected', { status, route: req.getPath() });
      (err as { toJSON?: () => unknown }).toJSON = () => ({ error: errorCode(status) });
      next();
    });
  }

  /**
   * Starts listening.
   *
   * @param host - address to bind
   * @param port - port to bind; 0 picks a free one
   * @returns the bound address
   */
  listen(host: string, port: number): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /**
   * Stops accepting requests and waits for turns in progress.
   *
   * @param timeoutMs - how long to wait for turns in progress
   * @returns true if every turn finished in time
   */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.server.closeIdleConnections();
    const finished = await this.inFlight.idle(timeoutMs);
    // Responses are written by now; let clients read them, then cut what is left.
    this.server.server.closeIdleConnections();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([closed, grace]);
    this.server.server.closeAllConnections();
    await closed;
    return finished;
  }

  private async onActivity(req: restify.Request, res: restify.Response): Promise<void> {
    if (this.draining) {
      res.header('Retry-After', '5');
      this.send(res, 503, { error: 'shutting_down' });
      return;
    }
    const auth = req.header('authorization') ?? '';
    await this.inFlight.track(async () => {
      const body = await readJsonBody(req, this.deps.maxBodyBytes);
      if ('aborted' in body) return this.deps.log.info('http.client_aborted', { route: req.getPath() });
      if (!body.ok) {
        this.deps.log.warn('http.rejected', { status: body.status, route: req.getPath() });
        res.header('Connection', 'close');
        return this.send(res, body.status, { error: errorCode(body.status) });
      }
      const result = await this.deps.endpoint(body.value, auth);
      this.send(res, result.status, result.body);
    });
  }

  private async onReady(res: restify.Response): Promise<void> {
    if (this.draining) return this.send(res, 503, { status: 'draining' });
    try {
      await this.deps.checkStore();
      const details = this.deps.readiness ? await this.deps.readiness() : {};
      this.send(res, 200, { status: 'ready', store: 'ok', ...details });
    } catch {
      this.send(res, 503, { status: 'unavailable', store: 'error' });
    }
  }

  private send(res: restify.Response, status: number, body?: unknown): void {
    if (body === undefined) {
      res.status(status);
      res.end();
    } else {
      res.json(status, body);
    }
  }
}

function errorCode(status: number): string {
  if (status === 413) return 'payload_too_large';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'internal_error';
}
