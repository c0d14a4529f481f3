import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import { TENANT_ID } from '../helpers/activities';
import { FakeConnector } from '../helpers/fake-connector';
import { foreignKey, TokenIssuer } from '../helpers/token-issuer';
import { startTrygg, type RunningTrygg } from '../helpers/trygg-instance';

const APP_ID = '11111111-2222-3333-4444-555555555555';

/** A channel event the bot handles without replying, so no outbound token is needed. */
function channelMemberAdded(serviceUrl: string) {
  return {
    type: 'conversationUpdate',
    id: 'f:1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user', aadObjectId: '00000000-0000-0000-0000-0000000000021' },
    recipient: { id: `28:${APP_ID}`, name: 'Trygg' },
    conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, team: { id: '19:team@thread.tacv2' }, eventType: 'teamMemberAdded' },
    membersAdded: [{ id: '29:someone-else' }],
  };
}

function handledTurns(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM bot_state').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('bot: production-mode authentication', () => {
  let issuer: TokenIssuer;
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningTrygg;
  let consoleError: typeof console.error;

  // botbuilder prints token errors and keys with console.error; the process entry point masks them
  // (see process.test.ts). Here they are only noise.
  before(() => {
    consoleError = console.error;
    console.error = () => undefined;
  });
  after(() => {
    console.error = consoleError;
  });

  beforeEach(async () => {
    issuer = new TokenIssuer();
    await issuer.start();
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startTrygg({
      TRYGG_MODE: 'production',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: TENANT_ID,
      BOT_OPENID_METADATA_URL: issuer.metadataUrl,
      BOT_TOKEN_ISSUER: issuer.issuer,
    });
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
    await issuer.stop();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('accepts a valid channel token and runs the turn', async () => {
    const res = await bot.post(channelMemberAdded(serviceUrl), bearer(issuer.token({ aud: APP_ID, serviceurl: serviceUrl })));
    assert.equal(res.status, 200);
    assert.ok(handledTurns(bot.dbFile) > 0, 'the handler ran and saved state');
  });

  const rejected: Array<[string, (s: string) => Record<string, string>]> = [
    ['no Authorization header', () => ({})],
    ['a header that is not a bearer token', () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    ['garbage instead of a token', () => bearer('not.a.token')],
    ['a token for another audience', (s) => bearer(issuer.token({ aud: 'someone-else', serviceurl: s }))],
    ['a token from another issuer', (s) => bearer(issuer.token({ aud: APP_ID, serviceurl: s, iss: 'https://evil.test' }))],
    ['an expired token', (s) => bearer(issuer.token({ aud: APP_ID, serviceurl: s, exp: Math.floor(Date.now() / 1000) - 600 }))],
    ['a token for another service URL', () => bearer(issuer.token({ aud: APP_ID, serviceurl: 'https://elsewhere.test/' }))],
    ['a token signed with another key', (s) => bearer(issuer.token({ aud: APP_ID, serviceurl: s }, foreignKey()))],
  ];
  for (const [name, headers] of rejected) {
    it(`answers 401 and runs nothing for ${name}`, async () => {
      const res = await bot.post(channelMemberAdded(serviceUrl), headers(serviceUrl));
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { error: 'unauthorized' }, 'no SDK detail leaks to the client');
      assert.equal(handledTurns(bot.dbFile), 0, 'the handler never ran');
      assert.equal(connector.calls.length, 0);
    });
  }
});
