import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One upload the bot made. */
export interface Upload {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A fake OneDrive upload session on 127.0.0.1: what Teams' `uploadInfo.uploadUrl` points at when a
 * person accepts a file consent card. Records every PUT; answers 201 like a finished upload.
 */
export class FakeUploadSession {
  readonly uploads: Upload[] = [];
  /** Status to answer with (e.g. 500 to test a failed upload). */
  status = 201;
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'PUT') this.uploads.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(req.method === 'PUT' ? this.status : 405, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'file-1', name: 'upload.csv' }));
    });
  });

  /** Starts on a free loopback port; returns the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
