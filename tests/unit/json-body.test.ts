import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonBody } from '../../src/http/json-body';

/** A real HTTP server on 127.0.0.1 that answers with what readJsonBody made of the body. */
async function withServer(maxBytes: number, run: (url: string) => Promise<void>): Promise<void> {
  const server = http.createServer((req, res) => {
    void readJsonBody(req, maxBytes).then((body) => {
      res.writeHead(body.ok ? 200 : 'status' in body ? body.status : 499, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Posts a body in chunks without a Content-Length (chunked transfer encoding). */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('readJsonBody', () => {
  it('parses a JSON body, also one that arrives in chunks, with non-ASCII text intact', async () => {
    await withServer(1024, async (url) => {
      const res = await postChunked(url, ['{"text":"Hot i rec', 'eptionen – åäö"}']);
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(res.body), { ok: true, value: { text: 'Hot i receptionen – åäö' } });
    });
  });

  it('answers 413 for a declared length over the limit and for a chunked body that grows over it', async () => {
    await withServer(100, async (url) => {
      const declared = await fetch(url, { method: 'POST', body: JSON.stringify({ x: 'y'.repeat(200) }) });
      assert.equal(declared.status, 413);
      const chunked = await postChunked(url, ['{"x":"', 'y'.repeat(60), 'y'.repeat(60), '"}']);
      assert.equal(chunked.status, 413);
      assert.deepEqual(JSON.parse(chunked.body), { ok: false, status: 413 });
    });
  });

  it('accepts a body of exactly the limit and answers 400 for text that is not JSON', async () => {
    await withServer(13, async (url) => {
      assert.equal((await postChunked(url, ['{"a":"', '12345', '"}'])).status, 200);
      assert.equal((await postChunked(url, ['{"a":"', '123456', '"}'])).status, 413);
      assert.equal((await postChunked(url, ['{"type":'])).status, 400);
      assert.equal((await postChunked(url, [''])).status, 400);
    });
  });

  it('says aborted, without throwing, when the client closes the connection before the body ends', async () => {
    let result!: Promise<unknown>;
    const server = http.createServer((req) => void (result = readJsonBody(req, 1024)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', headers: { 'content-length': '100' } });
      req.on('error', () => undefined);
      req.write('{"text":"Hot i');
      await new Promise((r) => setTimeout(r, 100));
      req.destroy();
      assert.deepEqual(await result, { ok: false, aborted: true });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
