import { strict as assert } from 'node:assert';
import { personalMessage, TENANT_ID } from '../helpers/activities';
import { FakeConnector } from '../helpers/fake-connector';
import { foreignKey, TokenIssuer } from '../helpers/token-issuer';
import { DEMO_ORGANISATION, tempDbFile, postJson } from '../helpers/trygg-instance';
import { spawnTrygg } from '../helpers/trygg-process';

describe('process: start-up checks, shutdown and logs', function () {
  this.timeout(60_000);

  it('refuses to bind 0.0.0.0 in local mode, naming HOST, with a non-zero exit', async () => {
    const p = spawnTrygg({ HOST: '0.0.0.0', TRYGG_SQLITE_PATH: tempDbFile() });
    assert.equal(await p.exited, 2);
    assert.match(p.output(), /HOST: local mode accepts unauthenticated requests/);
    assert.match(p.output(), /TRYGG_UNSAFE_ALLOW_ANONYMOUS_ON_NETWORK/);
  });

  it('stops with a message naming the variable when production mode lacks the app id', async () => {
    const p = spawnTrygg({ TRYGG_MODE: 'production', TRYGG_SQLITE_PATH: tempDbFile() });
    assert.equal(await p.exited, 2);
    assert.match(p.output(), /MICROSOFT_APP_ID: is required when TRYGG_MODE=production/);
  });

  it('finishes a turn in flight on SIGTERM, then exits 0', async () => {
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    connector.delayMs = 1500; // the reply is still being delivered when the signal arrives
    const p = spawnTrygg({ TRYGG_SQLITE_PATH: tempDbFile() });
    try {
      const port = await p.listening;
      const turn = postJson(`http://127.0.0.1:${port}/api/messages`, personalMessage('hjälp', { serviceUrl }));
      await connector.waitForCalls(1);
      p.kill('SIGTERM');
      const res = await turn;
      assert.equal(res.status, 200, 'the turn in flight completed');
      assert.equal(await p.exited, 0);
      assert.match(p.output(), /"event":"shutdown.done"/);
    } finally {
      p.kill('SIGKILL');
      await connector.stop();
    }
  });

  it('answers 401 to a token signed with another key and keeps keys and tokens out of its output', async () => {
    const issuer = new TokenIssuer();
    await issuer.start();
    const appId = '11111111-2222-3333-4444-555555555555';
    const p = spawnTrygg({
      TRYGG_MODE: 'production',
      MICROSOFT_APP_ID: appId,
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: TENANT_ID,
      BOT_OPENID_METADATA_URL: issuer.metadataUrl,
      BOT_TOKEN_ISSUER: issuer.issuer,
      TRYGG_ORG_FILE: DEMO_ORGANISATION,
      TRYGG_SQLITE_PATH: tempDbFile(),
    });
    try {
      const port = await p.listening;
      const serviceUrl = 'http://127.0.0.1:9/';
      const forged = issuer.token({ aud: appId, serviceurl: serviceUrl }, foreignKey());
      const expired = issuer.token({ aud: appId, serviceurl: serviceUrl, exp: Math.floor(Date.now() / 1000) - 600 });
      for (const token of [forged, expired]) {
        const res = await postJson(`http://127.0.0.1:${port}/api/messages`, personalMessage('hej', { serviceUrl }), {
          authorization: `Bearer ${token}`,
        });
        assert.equal(res.status, 401);
        assert.ok(!p.output().includes(token.split('.')[2]), 'the token is not logged');
      }
      const unauthenticated = await postJson(`http://127.0.0.1:${port}/api/messages`, personalMessage('hej', { serviceUrl }));
      assert.equal(unauthenticated.status, 401);
      assert.doesNotMatch(p.output(), /BEGIN [A-Z ]*KEY/, 'no key material in the output');
      assert.match(p.output(), /"event":"auth.rejected"/);
    } finally {
      p.kill('SIGKILL');
      await p.exited;
      await issuer.stop();
    }
  });
});
