/**
 * A loopback proxy between the Agents Playground and the bot that sets the activity's locale.
 * The Playground always sends `en-US`; real Teams sends the user's locale. With this proxy the
 * local demo speaks Swedish, like Teams set to Swedish. Responses (invoke results) pass through.
 */
'use strict';
const http = require('node:http');

/**
 * @param {{ target: string, locale: string }} options - the bot's /api/messages URL and the locale to set
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
function startLocaleProxy({ target, locale }) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      let body = Buffer.concat(chunks);
      if (req.method === 'POST' && body.length > 0) {
        try {
          const activity = JSON.parse(body.toString('utf8'));
          activity.locale = locale;
          for (const entity of activity.entities || []) if (entity.type === 'clientInfo') entity.locale = locale;
          body = Buffer.from(JSON.stringify(activity));
        } catch {
          // not JSON: pass it on as it is, the bot answers 400
        }
      }
      try {
        const headers = { 'content-type': req.headers['content-type'] || 'application/json' };
        if (req.headers.authorization) headers.authorization = req.headers.authorization;
        const upstream = await fetch(target, { method: req.method, headers, body: req.method === 'POST' ? body : undefined });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') || 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}/api/messages`,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

module.exports = { startLocaleProxy };
